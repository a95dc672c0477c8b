"""The portal's admin site. Whatever ModelAdmin an app registers (now or later), this site adds
the portal's rules to it: only a superuser may hard-delete, and models with `is_archived` get the
actions 归档 / 恢复 and the 已归档 filter, going through the archive services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from .services import archive_item, restore_item


@admin.action(description="归档所选事项（不删除，可恢复）")
def archive_selected(modeladmin, request, queryset):
    count = 0
    for item in queryset.filter(is_archived=False):
        archive_item(item=item, user=request.user)
        count += 1
    modeladmin.message_user(request, f"已归档 {count} 项", messages.SUCCESS)


@admin.action(description="恢复所选已归档事项")
def restore_selected(modeladmin, request, queryset):
    count = 0
    try:
        for item in queryset.filter(is_archived=True):
            restore_item(item=item, user=request.user)
            count += 1
    except PermissionDenied as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return
    modeladmin.message_user(request, f"已恢复 {count} 项", messages.SUCCESS)


class PortalRulesMixin:
    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def _is_archivable(model):
    return any(field.name == "is_archived" for field in model._meta.get_fields())


class PortalAdminSite(admin.AdminSite):
    site_header = "百日行动管理平台"
    site_title = "百日行动管理平台"
    index_title = "数据管理"

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        for model in models:
            base = admin_class or admin.ModelAdmin
            attrs = {"__module__": base.__module__}
            if _is_archivable(model):
                attrs["actions"] = [*(base.actions or []), archive_selected, restore_selected]
                if "is_archived" not in (base.list_filter or []):
                    attrs["list_filter"] = [*(base.list_filter or []), "is_archived"]
            portal_class = type(base.__name__, (PortalRulesMixin, base), attrs)
            super().register(model, portal_class, **options)
