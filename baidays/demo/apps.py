from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "baidays.demo"
    label = "demo"
    verbose_name = "演示与压测数据"

    def ready(self):
        from baidays.demo import checks  # noqa: F401  (registers the deploy check)
