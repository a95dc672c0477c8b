from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class BaidaysConfig(AppConfig):
    name = "baidays"
    verbose_name = "百日行动"


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "baidays.admin_site.PortalAdminSite"
