"""The account lifecycle (等保 2.0: 身份鉴别): password history and age, a password set by an
administrator changed at first login, accounts unused for long disabled, one session per
login. Writes take `now`; settings in baidays/settings.py (README, 配置)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q

from audit.choices import Event
from audit.services import record
from baidays.security.models import LoginSession, PasswordRecord

PASSWORD_DUE = "security_password_due"  # session key: why the password must change now
EXPIRED = "expired"
SET_BY_ADMIN = "set_by_admin"


@transaction.atomic
def remember_password(*, user, now, set_by_admin):
    PasswordRecord.objects.create(
        user=user, password=user.password, set_at=now, set_by_admin=set_by_admin
    )
    keep = PasswordRecord.objects.filter(user=user).values_list("pk", flat=True)[
        : max(settings.PASSWORD_HISTORY_COUNT, 1)
    ]
    PasswordRecord.objects.filter(user=user).exclude(pk__in=list(keep)).delete()


def used_recently(user, raw_password):
    """True when `raw_password` is one of the account's last PASSWORD_HISTORY_COUNT."""
    if settings.PASSWORD_HISTORY_COUNT <= 0 or user is None or user.pk is None:
        return False
    hashes = PasswordRecord.objects.filter(user=user).values_list("password", flat=True)
    return any(
        check_password(raw_password, encoded)
        for encoded in hashes[: settings.PASSWORD_HISTORY_COUNT]
    )


def password_due(user, now):
    """Why `user` must change the password before doing anything else, or None."""
    latest = PasswordRecord.objects.filter(user=user).first()
    if latest is not None and latest.set_by_admin:
        return SET_BY_ADMIN
    if settings.PASSWORD_EXPIRY_DAYS > 0:
        set_at = latest.set_at if latest is not None else user.date_joined
        if set_at < now - datetime.timedelta(days=settings.PASSWORD_EXPIRY_DAYS):
            return EXPIRED
    return None


def end_other_sessions(*, user, session_key, now):
    """Forget every other session the account's logins opened; remember this one."""
    others = LoginSession.objects.filter(user=user).exclude(session_key=session_key)
    keys = list(others.values_list("session_key", flat=True))
    if keys:
        Session.objects.filter(session_key__in=keys).delete()
        others.delete()
    LoginSession.objects.update_or_create(
        session_key=session_key, defaults={"user": user, "started_at": now}
    )
    return len(keys)


def disable_unused_accounts(*, now):
    """Accounts not used for ACCOUNT_INACTIVE_DAYS (never logged in: since they were made) are
    disabled, each with an audit record. 0 days: never. Returns the disabled usernames."""
    if settings.ACCOUNT_INACTIVE_DAYS <= 0:
        return []
    cutoff = now - datetime.timedelta(days=settings.ACCOUNT_INACTIVE_DAYS)
    unused = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )
    names = []
    for user in unused:
        with transaction.atomic():
            user.is_active = False
            user.save(update_fields=["is_active"])
            record(
                event=Event.ACCOUNT_DISABLED,
                username="daily-job",
                target=user.get_username(),
                details={"last_login": user.last_login, "days": settings.ACCOUNT_INACTIVE_DAYS},
            )
        names.append(user.get_username())
    return names
