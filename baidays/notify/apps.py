from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "baidays.notify"
    label = "notify"
    verbose_name = "消息与催报"

    def ready(self):
        # connects the receiver of baidays.weekly's report_returned
        from audit.choices import Event
        from audit.signals import classify_admin_model
        from baidays.notify import review_notices  # noqa: F401

        classify_admin_model("notify.channel", Event.CHANNEL_CHANGE)
        classify_admin_model("notify.reminderrule", Event.RULES_CHANGE)
