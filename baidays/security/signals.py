"""The lifecycle's hooks: a password saved is remembered (and whether an administrator set
it), a login learns whether the password must change first and ends the account's other
sessions, a 人员's role decides its administrator group."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from audit.context import current_request
from audit.signals import is_rehash
from baidays.security.admin_roles import sync_admin_access
from baidays.security.services import (
    PASSWORD_DUE,
    end_other_sessions,
    password_due,
    remember_password,
)
from core.models import Person


def on_user_saving(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "password" not in update_fields:
        instance._security_new_password = False
        return
    if instance.pk is None:
        instance._security_new_password = instance.has_usable_password()
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._security_new_password = stored != instance.password


def on_user_saved(sender, instance, **kwargs):
    if not getattr(instance, "_security_new_password", False):
        return
    instance._security_new_password = False
    request = current_request.get()
    if is_rehash(request):
        return
    by_other = (
        request is not None
        and "password-reset" not in request.path
        and getattr(request.user, "pk", None) != instance.pk
    )
    remember_password(user=instance, now=timezone.now(), set_by_admin=by_other)
    if request is not None and not by_other and hasattr(request, "session"):
        request.session.pop(PASSWORD_DUE, None)


def on_login(sender, request, user, **kwargs):
    now = timezone.now()
    due = password_due(user, now)
    if due:
        request.session[PASSWORD_DUE] = due
    if settings.LOGIN_ENDS_OTHER_SESSIONS:
        if request.session.session_key is None:
            request.session.save()
        end_other_sessions(user=user, session_key=request.session.session_key, now=now)


def on_person_saved(sender, instance, **kwargs):
    sync_admin_access(instance)


def connect():
    user = get_user_model()
    pre_save.connect(on_user_saving, sender=user, dispatch_uid="security.user_saving")
    post_save.connect(on_user_saved, sender=user, dispatch_uid="security.user_saved")
    user_logged_in.connect(on_login, dispatch_uid="security.login")
    post_save.connect(on_person_saved, sender=Person, dispatch_uid="security.person_saved")
