from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "baidays.notify"
    label = "notify"
    verbose_name = "消息与催报"

    def ready(self):
        # connects the receiver of baidays.weekly's report_returned
        from baidays.notify import review_notices  # noqa: F401
