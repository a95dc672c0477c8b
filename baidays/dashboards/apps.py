from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "baidays.dashboards"
    label = "dashboards"
    verbose_name = "领导看板"

    def ready(self):
        from baidays.dashboards.models import ParkPlan, ProjectPin
        from core.registry import SUMMARY_SOURCES

        # the overview's park map
        SUMMARY_SOURCES.register(ParkPlan, campaign="campaign")
        SUMMARY_SOURCES.register(ProjectPin, campaign="project__campaign")
