from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "进度计划与督办"

    def ready(self):
        from core.registry import SCHEDULE_TABLES, SUMMARY_SOURCES, ScheduleTables
        from supervision.models import Supervision
        from supervision.schedules import PlanWeek, ScheduleVersion

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
        SUMMARY_SOURCES.register(Supervision, campaign="campaign")
