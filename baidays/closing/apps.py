from django.apps import AppConfig


class ClosingConfig(AppConfig):
    """The 总结阶段 and the documents the office sends: the briefing's narrative, the 督办通知单's
    签收, feedback from enterprises, 回头看 and the 工作小结."""

    name = "baidays.closing"
    label = "closing"
    verbose_name = "总结与公文"

    def ready(self):
        from baidays.dashboards.briefing import register_briefing_part

        from .selectors import briefing_narrative_part

        register_briefing_part(briefing_narrative_part)
