from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "三个规划"

    def ready(self):
        from core.choices import PhaseKind
        from core.registry import COMPLETABLE_KINDS, SUMMARY_SOURCES, CompletableKind
        from plans.models import Milestone, Plan

        COMPLETABLE_KINDS.register(
            CompletableKind(
                key="milestone",
                order=3,
                label="规划节点",
                model=Milestone,
                related=("plan",),
                owned_label="规划节点（牵头）",
                worklist_order=("due_date",),
                phase_page=PhaseKind.ADVANCE,  # the 推进 phase page lists the milestones
            )
        )
        SUMMARY_SOURCES.register(Plan, campaign="campaign")
        SUMMARY_SOURCES.register(Milestone, campaign="plan__campaign")
