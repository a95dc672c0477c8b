"""Events the audit log learns from Django's and django-axes' signals: logins, failed logins,
logouts, lockouts, password changes and resets, and every change made in the admin (its
LogEntry), classified by the registry below — apps above name their models there
(`classify_admin_model`), this app names none of them."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save

from audit.choices import Event, Outcome
from audit.services import record

ADMIN_EVENTS = {
    "auth.user": Event.ACCOUNT_CHANGE,
    "auth.group": Event.PERMISSION_CHANGE,
    "axes.accessattempt": Event.LOCKOUT,
    "axes.accesslockout": Event.LOCKOUT,
    # a 安全管理员 resetting someone's second factor deletes the device
    "otp_totp.totpdevice": Event.SECOND_FACTOR,
    "otp_static.staticdevice": Event.SECOND_FACTOR,
}
ACTIONS = {ADDITION: "新增", CHANGE: "修改", DELETION: "删除"}


def classify_admin_model(label, event):
    """Changes made in the admin to `label` ("app_label.model") are recorded as `event`."""
    ADMIN_EVENTS[label.lower()] = event


def on_login(sender, request, user, **kwargs):
    record(event=Event.LOGIN, request=request, user=user, target=user.get_username())


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    record(
        event=Event.LOGIN,
        outcome=Outcome.FAILURE,
        request=request,
        username=username,
        target=username,
    )


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(event=Event.LOGOUT, request=request, user=user, target=user.get_username())


def on_locked_out(sender, request, username, ip_address, **kwargs):
    record(
        event=Event.LOCKOUT,
        outcome=Outcome.FAILURE,
        request=request,
        username=username or "",
        address=ip_address or None,
        target=username or "",
        details={"reason": "登录失败次数达到上限"},
    )


def on_user_saving(sender, instance, update_fields=None, **kwargs):
    """Remember whether this save changes the password (the hash differs from the stored)."""
    if update_fields is not None and "password" not in update_fields:
        return
    if instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._audit_password_changed = stored is not None and stored != instance.password


def is_rehash(request):
    """A password saved while nobody is logged in, outside the reset by mail, is the login
    storing the same password under a newer hasher — not a new password."""
    if request is None or "password-reset" in request.path:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def on_user_saved(sender, instance, created, **kwargs):
    if not getattr(instance, "_audit_password_changed", False):
        return
    instance._audit_password_changed = False
    from audit.context import current_request

    request = current_request.get()
    if is_rehash(request):
        return
    path = getattr(request, "path", "")
    by_self = request is not None and getattr(request.user, "pk", None) == instance.pk
    event = Event.PASSWORD_RESET if "password-reset" in path else Event.PASSWORD_CHANGE
    record(
        event=event,
        target=instance.get_username(),
        details={"by": "本人" if by_self or event == Event.PASSWORD_RESET else "管理员"},
    )


def on_admin_log(sender, instance, created, **kwargs):
    if not created:
        return
    label = ""
    if instance.content_type_id is not None:
        content_type = instance.content_type
        label = f"{content_type.app_label}.{content_type.model}"
    record(
        event=ADMIN_EVENTS.get(label, Event.ADMIN_CHANGE),
        user=instance.user,
        target=f"{label} #{instance.object_id} {instance.object_repr}"[:500],
        details={
            "action": ACTIONS.get(instance.action_flag, str(instance.action_flag)),
            "change": instance.get_change_message(),
        },
    )


def on_membership_changed(sender, instance, action, pk_set=None, model=None, **kwargs):
    """Groups and permissions given or taken outside the admin's forms (whose LogEntry
    records them too)."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    record(
        event=Event.PERMISSION_CHANGE,
        target=f"{instance._meta.label_lower} #{instance.pk} {instance}"[:500],
        details={
            "action": action.removeprefix("post_"),
            "what": model._meta.label_lower if model else "",
            "ids": sorted(pk_set or []),
        },
    )


def connect():
    from axes.signals import user_locked_out

    user = get_user_model()
    user_logged_in.connect(on_login, dispatch_uid="audit.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    user_logged_out.connect(on_logout, dispatch_uid="audit.logout")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit.locked_out")
    pre_save.connect(on_user_saving, sender=user, dispatch_uid="audit.user_saving")
    post_save.connect(on_user_saved, sender=user, dispatch_uid="audit.user_saved")
    post_save.connect(on_admin_log, sender=LogEntry, dispatch_uid="audit.admin_log")
    for through, uid in (
        (user.groups.through, "audit.user_groups"),
        (user.user_permissions.through, "audit.user_permissions"),
        (Group.permissions.through, "audit.group_permissions"),
    ):
        m2m_changed.connect(on_membership_changed, sender=through, dispatch_uid=uid)
