from django.apps import AppConfig


class ClosingConfig(AppConfig):
    """The 总结阶段 and the documents the office sends: the briefing's narrative, the 督办通知单's
    签收, feedback from enterprises, 回头看 and the 工作小结."""

    name = "baidays.closing"
    label = "closing"
    verbose_name = "总结与公文"

    def ready(self):
        from baidays.dashboards.briefing import register_briefing_part
        from core.registry import COMPLETABLE_KINDS, CompletableKind

        from .models import FollowUp
        from .selectors import briefing_narrative_part

        register_briefing_part(briefing_narrative_part)
        # a 回头看 follow-up is owned, due and closed like any item with a deadline: it is in
        # its unit's worklist and page, the 考核 counts it and an overdue one gets a 督办单
        # (supervision.causes). Not markable: it is 办结 on the 回头看 page, and so the 回头看
        # itself does not list follow-ups of follow-ups (lookback._item_findings).
        COMPLETABLE_KINDS.register(
            CompletableKind(
                key="follow_up",
                order=6,
                label="回头看整改事项",
                model=FollowUp,
                markable=False,
                owned_label="回头看整改事项",
                worklist_order=("due_date", "found_on", "pk"),
                title_fields=("finding",),
            )
        )
