from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    """进度计划: each tracked item's own week-by-week plan and 形象进度 nodes. Its tables keep
    the names they had under supervision (supervision_scheduleversion, …): the move was
    state-only (migrations 0001 here and supervision 0007)."""

    name = "supervision.schedules"
    label = "schedules"
    verbose_name = "进度计划"

    def ready(self):
        from core.registry import SCHEDULE_TABLES, SUMMARY_SOURCES, ScheduleTables
        from supervision.schedules.models import PlanWeek, ScheduleVersion

        SCHEDULE_TABLES.register(
            ScheduleTables(
                version_model=ScheduleVersion, week_model=PlanWeek, version_field="version"
            )
        )
        # a 进度计划 belongs to a project or to a 争先杯 entry
        SUMMARY_SOURCES.register(ScheduleVersion, campaign=("project__campaign", "entry__campaign"))
        SUMMARY_SOURCES.register(
            PlanWeek, campaign=("version__project__campaign", "version__entry__campaign")
        )
