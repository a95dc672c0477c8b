from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "督办与考核"

    def ready(self):
        from core.registry import SUMMARY_SOURCES
        from supervision.models import Supervision

        SUMMARY_SOURCES.register(Supervision, campaign="campaign")
