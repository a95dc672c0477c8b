from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = "三个专题"

    def ready(self):
        from core.choices import PhaseKind
        from core.registry import COMPLETABLE_KINDS, SUMMARY_SOURCES, CompletableKind
        from topics import models

        COMPLETABLE_KINDS.register(
            CompletableKind(
                key="decision",
                order=1,
                label="议定事项",
                model=models.Decision,
                related=("meeting",),
                owned_label="议定事项",
                worklist_order=("due_date", "meeting__held_on", "seq"),
                phase_page=PhaseKind.ADVANCE,  # the 推进 phase page lists the decisions
            )
        )
        COMPLETABLE_KINDS.register(
            CompletableKind(
                key="power",
                order=2,
                label="电力项目",
                model=models.PowerItem,
                owned_label="电力项目",
                worklist_order=("seq",),
            )
        )
        SUMMARY_SOURCES.register(
            models.TopicMeeting, models.TopicTarget, models.PowerItem, campaign="campaign"
        )
        SUMMARY_SOURCES.register(models.Decision, campaign="meeting__campaign")
        SUMMARY_SOURCES.register(
            models.LandFiling, models.ApprovalCase, campaign="target__campaign"
        )
