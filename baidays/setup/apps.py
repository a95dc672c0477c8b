from django.apps import AppConfig


class SetupConfig(AppConfig):
    name = "baidays.setup"
    label = "setup"
    verbose_name = "按实施方案建立百日行动"
