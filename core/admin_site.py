"""The portal's admin site. Whatever ModelAdmin an app registers (now or later), this site adds
the portal's rules to it: only a superuser may hard-delete; uploads (also in inlines) get the
portal's upload checks; models with `is_archived` get the actions 归档 / 恢复 and the 已归档
filter, going through the archive services."""

import functools

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models

from core.services import archive_item, restore_item
from core.uploads import validate_evidence_upload, validate_image_upload


@admin.action(description="归档所选事项（不删除，可恢复）")
def archive_selected(modeladmin, request, queryset):
    count = 0
    for item in queryset.active():
        archive_item(item=item, user=request.user)
        count += 1
    modeladmin.message_user(request, f"已归档 {count} 项", messages.SUCCESS)


@admin.action(description="恢复所选已归档事项")
def restore_selected(modeladmin, request, queryset):
    count = 0
    try:
        for item in queryset.archived():
            restore_item(item=item, user=request.user)
            count += 1
    except PermissionDenied as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return
    modeladmin.message_user(request, f"已恢复 {count} 项", messages.SUCCESS)


class UploadChecksMixin:
    """Admin uploads get the same checks as the portal's forms (size, type, real image)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.ImageField):
            formfield.validators.append(validate_image_upload)
        elif isinstance(db_field, models.FileField):
            formfield.validators.append(validate_evidence_upload)
        return formfield


PERMISSION_ACTIONS = {"add": "新增", "change": "修改", "delete": "删除", "view": "查看"}
HISTORICAL = "historical "


def model_name_in_chinese(model, fallback):
    """A model's name as the admin shows it; simple_history's "historical X" (not translatable)
    becomes "X的修改历史"."""
    if model is None:
        return fallback
    name = str(model._meta.verbose_name)
    return f"{name[len(HISTORICAL) :]}的修改历史" if name.startswith(HISTORICAL) else name


def permission_label(permission):
    """Django names the default permissions "Can add <model>" in English whatever the
    language; the user and group pages show "<应用> | 可以新增<模型>" instead."""
    content_type = permission.content_type
    model = content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if action not in PERMISSION_ACTIONS or permission.codename != f"{action}_{content_type.model}":
        return f"{content_type.app_labeled_name} | {permission.name}"
    app = model._meta.app_config.verbose_name if model else content_type.app_label
    name = model_name_in_chinese(model, content_type.model)
    return f"{app} | 可以{PERMISSION_ACTIONS[action]}{name}"


# 三员分立: an account's rights are the 安全管理员's to give (whoever may change groups), and
# nobody but a superuser makes a superuser
ACCOUNT_RIGHTS = ("is_staff", "groups", "user_permissions")


class PortalRulesMixin(UploadChecksMixin):
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        from django.contrib.auth.models import Permission

        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if formfield is not None and db_field.related_model is Permission:
            formfield.label_from_instance = permission_label
        return formfield

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.model._meta.label_lower != "auth.user" or request.user.is_superuser:
            return fields
        fields.append("is_superuser")
        if not request.user.has_perm("auth.change_group"):
            fields += ACCOUNT_RIGHTS
        return fields

    def get_inlines(self, request, obj):
        return [_with_upload_checks(inline) for inline in super().get_inlines(request, obj)]


@functools.cache
def _with_upload_checks(inline):
    if issubclass(inline, UploadChecksMixin):
        return inline
    return type(inline.__name__, (UploadChecksMixin, inline), {"__module__": inline.__module__})


def _is_archivable(model):
    return any(field.name == "is_archived" for field in model._meta.get_fields())


class PortalAdminSite(admin.AdminSite):
    site_header = "百日行动管理平台"
    site_title = "百日行动管理平台"
    index_title = "数据管理"

    def register(self, model_or_iterable, admin_class=None, **options):
        targets = [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        for model in targets:
            base = admin_class or admin.ModelAdmin
            # kept so a feature can register the app's admin again with more mixed in
            attrs = {"__module__": base.__module__, "declared_admin": base}
            if _is_archivable(model):
                attrs["actions"] = [*(base.actions or []), archive_selected, restore_selected]
                if "is_archived" not in (base.list_filter or []):
                    attrs["list_filter"] = [*(base.list_filter or []), "is_archived"]
            portal_class = type(base.__name__, (PortalRulesMixin, base), attrs)
            super().register(model, portal_class, **options)


# What an office clerk never needs to see: Celery beat's tables (the periodic job is set in
# settings.CELERY_BEAT_SCHEDULE, which beat's DatabaseScheduler writes into them).
HIDDEN_MODELS = (
    "django_celery_beat.ClockedSchedule",
    "django_celery_beat.CrontabSchedule",
    "django_celery_beat.IntervalSchedule",
    "django_celery_beat.SolarSchedule",
    "django_celery_beat.PeriodicTask",
)
# third-party apps without a Chinese name of their own (their models' names are in locale/)
APP_NAMES = {"axes": "登录失败锁定", "otp_totp": "动态口令", "otp_static": "恢复码"}
# third-party models whose names are plain English strings, which no catalogue translates
MODEL_NAMES = {
    "otp_totp.TOTPDevice": "动态口令设备",
    "otp_static.StaticDevice": "恢复码组",
    "otp_static.StaticToken": "恢复码",
}


def _models(labels):
    from django.apps import apps

    for label in labels:
        app_label, model_name = label.split(".")
        try:
            yield apps.get_model(app_label, model_name)
        except LookupError:  # the app is not installed here
            continue


def tidy_third_party_admin(site):
    """Run once every app's admin is registered (PortalAdminConfig.ready)."""
    from django.apps import apps

    for model in _models(HIDDEN_MODELS):
        if site.is_registered(model):
            site.unregister(model)
    for config in apps.get_app_configs():
        if config.label in APP_NAMES:
            config.verbose_name = APP_NAMES[config.label]
    for model in _models(MODEL_NAMES):
        name = MODEL_NAMES[model._meta.label]
        model._meta.verbose_name = model._meta.verbose_name_plural = name
