from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "baidays.documents"
    label = "documents"
    verbose_name = "公文"
