from django.apps import AppConfig


class BaidaysConfig(AppConfig):
    name = "baidays"
    verbose_name = "百日行动"
