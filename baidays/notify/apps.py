from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "baidays.notify"
    label = "notify"
    verbose_name = "消息与催报"
