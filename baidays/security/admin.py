"""Second-factor devices in the admin, for the 安全管理员's one task with them: a reset (deleting
a lost phone's TOTP device or a used-up set of recovery codes makes the account enrol again).
django_otp's own admin pages are in English and show secrets' fields, so they are replaced by
read-only pages in Chinese; deleting is the reset, and the audit log records it."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class SecondFactorDeviceAdmin(admin.ModelAdmin):
    list_display = ("owner", "device_name", "is_confirmed")
    fields = ("owner", "device_name", "is_confirmed")
    readonly_fields = fields
    list_select_related = ("user",)

    @admin.display(description="账号", ordering="user__username")
    def owner(self, obj):
        return obj.user.get_username()

    @admin.display(description="名称")
    def device_name(self, obj):
        return obj.name

    @admin.display(description="已启用", boolean=True)
    def is_confirmed(self, obj):
        return obj.confirmed

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, SecondFactorDeviceAdmin)
