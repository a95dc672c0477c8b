from django.apps import AppConfig


class WeeklyConfig(AppConfig):
    name = "baidays.weekly"
    label = "weekly"
    verbose_name = "每周填报"
