from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "baidays.dashboards"
    label = "dashboards"
    verbose_name = "领导看板"
