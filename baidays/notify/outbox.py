"""The outbox: deliveries are queued (in the caller's transaction) and sent afterwards, each
claimed under a row lock (skip_locked, so two workers never take the same one), retried with
exponential backoff, at most 20 a minute per 钉钉 robot, never during quiet hours. A web request
only ever writes rows here; sending happens in the worker or `deliver_outbox`."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from baidays.notify.channels import DINGTALK_PER_MINUTE, SENDERS, DeliveryError
from baidays.notify.models import ChannelKind, DeliveryAttempt, OutboxEntry, OutboxStatus

RETRY_BASE_SECONDS = 60
MAX_ATTEMPTS = 6


def queue(*, channel, key, subject, body, occasion=None):
    """Queue one delivery; a key already queued is left as it is (returns None)."""
    try:
        with transaction.atomic():
            return OutboxEntry.objects.create(
                idempotency_key=key, channel=channel, subject=subject, body=body, occasion=occasion
            )
    except IntegrityError:
        return None


def backoff(attempts):
    """Seconds to wait after the `attempts`-th failure: 1, 2, 4, 8… minutes."""
    return RETRY_BASE_SECONDS * 2 ** (attempts - 1)


def quiet_until(moment):
    """The end of the quiet hours if `moment` lies in them, else None."""
    start, end = settings.NOTIFY_QUIET_HOURS
    local = timezone.localtime(moment)
    clock = local.time()
    inside = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not inside:
        return None
    day = local.date() if clock < end else local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, end))


def _robot_is_busy(channel, now):
    if channel.kind != ChannelKind.DINGTALK:
        return False
    sent = DeliveryAttempt.objects.filter(
        entry__channel=channel, ok=True, attempted_at__gt=now - datetime.timedelta(minutes=1)
    ).count()
    return sent >= DINGTALK_PER_MINUTE


def _deliver_one(entry, now):
    postpone = quiet_until(now)
    if postpone is not None:
        entry.next_attempt_at = postpone
        entry.save(update_fields=["next_attempt_at"])
        return False
    if _robot_is_busy(entry.channel, now):
        entry.next_attempt_at = now + datetime.timedelta(seconds=60)
        entry.save(update_fields=["next_attempt_at"])
        return False
    entry.attempts += 1
    try:
        SENDERS[entry.channel.kind](entry.channel, entry.subject, entry.body)
    except DeliveryError as exc:
        DeliveryAttempt.objects.create(entry=entry, attempted_at=now, ok=False, error=str(exc))
        entry.last_error = str(exc)
        if entry.attempts >= MAX_ATTEMPTS:
            entry.status = OutboxStatus.FAILED
        else:
            entry.next_attempt_at = now + datetime.timedelta(seconds=backoff(entry.attempts))
        entry.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    DeliveryAttempt.objects.create(entry=entry, attempted_at=now, ok=True)
    entry.status, entry.sent_at = OutboxStatus.SENT, now
    entry.save(update_fields=["attempts", "status", "sent_at"])
    return True


def deliver_pending(now=None, limit=200):
    """Send what is due; returns (sent, not sent). Each entry in its own transaction, locked
    so that a second worker skips it."""
    now = now or timezone.now()
    sent = failed = 0
    for _ in range(limit):
        with transaction.atomic():
            entry = (
                OutboxEntry.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("channel")
                .filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
                .order_by("next_attempt_at", "pk")
                .first()
            )
            if entry is None:
                break
            if _deliver_one(entry, now):
                sent += 1
            else:
                failed += 1
    return sent, failed


@transaction.atomic
def resend(entries):
    """The admin's 重新发送: failed (or sent) entries go back to the queue, due now."""
    return entries.exclude(status=OutboxStatus.PENDING).update(
        status=OutboxStatus.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
