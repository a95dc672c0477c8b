from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "安全审计"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.signals import connect
        from audit.triggers import install_after_migrate

        connect()
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="audit.triggers")
