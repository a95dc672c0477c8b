from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SecurityConfig(AppConfig):
    name = "baidays.security"
    label = "security"
    verbose_name = "账号安全"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from baidays.security import checks  # noqa: F401  (registers the deploy checks)
        from baidays.security.admin_roles import install_after_migrate
        from baidays.security.signals import connect

        connect()
        post_migrate.connect(
            install_after_migrate, sender=self, dispatch_uid="security.admin_groups"
        )
