from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "baidays.notify"
    label = "notify"
    verbose_name = "消息与催报"

    def ready(self):
        from audit.choices import Event
        from audit.signals import classify_admin_model

        classify_admin_model("notify.channel", Event.CHANNEL_CHANGE)
        classify_admin_model("notify.reminderrule", Event.RULES_CHANGE)
