from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "baidays.demo"
    label = "demo"
    verbose_name = "演示与压测数据"
