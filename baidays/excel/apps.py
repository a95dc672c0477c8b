from django.apps import AppConfig


class ExcelConfig(AppConfig):
    name = "baidays.excel"
    label = "excel"
    verbose_name = "附件导入导出"
