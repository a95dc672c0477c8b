"""The outbox: deliveries are queued (in the caller's transaction) and sent afterwards by the
worker or `deliver_outbox`; a web request only ever writes rows here.

Sending one entry is three steps, and no database transaction is open across the network:
1. claim it: under a row lock (skip_locked, so two workers never take the same one) the entry
   is marked 发送中 and committed — or postponed, with the reason, during the quiet hours or
   while a 钉钉 robot has had its 20 messages this minute;
2. send it, within NOTIFY_DEADLINE_SECONDS;
3. record the outcome: 已发送; not delivered → retried after 1, 2, 4, 8… minutes (at most 6
   attempts), then 发送失败; refused address or any other error → 发送失败 at once; sent but
   no answer (timeout after sending, dropped connection) → 结果未知, never sent again
   automatically. An entry left 发送中 by a worker that died becomes 结果未知 as well.
Whatever an entry raises, it is recorded with a bounded, printable error and the queue moves
on. Each part of a long robot message is its own entry, so a part delivered is never re-sent."""

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from baidays.notify.channels import (
    DINGTALK_PER_MINUTE,
    DeliveryError,
    DeliveryRefused,
    DeliveryUnknown,
    parts_of,
    send_entry,
)
from baidays.notify.models import ChannelKind, DeliveryAttempt, OutboxEntry, OutboxStatus
from baidays.notify.text import bounded

logger = logging.getLogger(__name__)
RETRY_BASE_SECONDS = 60
MAX_ATTEMPTS = 6
# a claim older than this (the deadline and a margin) belongs to a worker that died sending
ORPHAN_MARGIN_SECONDS = 120
# a password-reset mail's body holds a one-time link: not kept once sent
FORGOTTEN_ONCE_SENT = "password-reset-"
FORGOTTEN_BODY = "（找回密码邮件，内容含一次性链接，发送后不再保存）"


def queue(*, channel=None, key, subject, body, occasion=None, to_address=""):
    """Queue one message (several entries when a robot needs it in parts, each keyed
    `key`, `key#2/3`…); a key already queued is left as it is (returns None), else the first
    entry."""
    kind = channel.kind if channel is not None else ChannelKind.EMAIL
    pieces = parts_of(kind, subject, body)
    try:
        with transaction.atomic():
            entries = [
                OutboxEntry.objects.create(
                    idempotency_key=key if part == 1 else f"{key}#{part}/{len(pieces)}",
                    channel=channel,
                    to_address=to_address,
                    subject=part_subject[:200],
                    body=part_body,
                    occasion=occasion,
                    part=part,
                    parts=len(pieces),
                )
                for part, (part_subject, part_body) in enumerate(pieces, 1)
            ]
    except IntegrityError:
        return None
    return entries[0]


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
    if channel is None or channel.kind != ChannelKind.DINGTALK:
        return False
    sent = DeliveryAttempt.objects.filter(
        entry__channel=channel, ok=True, attempted_at__gt=now - datetime.timedelta(minutes=1)
    ).count()
    sending = OutboxEntry.objects.filter(channel=channel, status=OutboxStatus.SENDING).count()
    return sent + sending >= DINGTALK_PER_MINUTE


def _wait(entry, now):
    """(until, why) when `entry` must wait, else None."""
    # the quiet hours are the groups' and units' (a password-reset mail is awaited now)
    postpone = quiet_until(now) if entry.channel is not None else None
    if postpone is not None:
        start, end = settings.NOTIFY_QUIET_HOURS
        return postpone, f"免打扰时段（{start:%H:%M}–{end:%H:%M}），{end:%H:%M} 后发送"
    if _robot_is_busy(entry.channel, now):
        return now + datetime.timedelta(seconds=60), "钉钉机器人每分钟最多 20 条，下一分钟发送"
    return None


def _claim(now):
    """The next due entry, marked 发送中 and committed (None: nothing is due); an entry that
    must wait is postponed with its reason and returned with status still 待发送."""
    with transaction.atomic():
        entry = (
            OutboxEntry.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("channel")
            .filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if entry is None:
            return None
        wait = _wait(entry, now)
        if wait is not None:
            entry.next_attempt_at, entry.waiting_reason = wait
            entry.save(update_fields=["next_attempt_at", "waiting_reason"])
            return entry
        entry.status, entry.claimed_at, entry.waiting_reason = OutboxStatus.SENDING, now, ""
        entry.attempts += 1
        entry.save(update_fields=["status", "claimed_at", "waiting_reason", "attempts"])
        return entry


def _outcome(entry):
    """(status, error, retry) of sending `entry` now."""
    try:
        send_entry(entry)
    except DeliveryUnknown as exc:
        return OutboxStatus.UNKNOWN, f"结果未知：{exc}；不自动重发，请核实后手工重新发送", False
    except DeliveryRefused as exc:
        return OutboxStatus.FAILED, str(exc), False
    except DeliveryError as exc:
        return OutboxStatus.PENDING, str(exc), entry.attempts < MAX_ATTEMPTS
    except Exception as exc:
        # whatever the entry raises, it must not stop the queue: recorded, never retried
        logger.exception("发送队列第 %s 条发送出错", entry.pk)
        return OutboxStatus.FAILED, f"程序错误（{type(exc).__name__}）：{exc}", False
    return OutboxStatus.SENT, "", False


def _record(entry, now, status, error, retry):
    if status == OutboxStatus.PENDING and not retry:
        status = OutboxStatus.FAILED
    error = bounded(error)
    fields = {"status": status, "last_error": error}
    if status == OutboxStatus.PENDING:
        retry_at = now + datetime.timedelta(seconds=backoff(entry.attempts))
        fields["next_attempt_at"] = retry_at
        fields["waiting_reason"] = (
            f"第 {entry.attempts} 次发送未成功，{timezone.localtime(retry_at):%H:%M} 重试"
        )
    if status == OutboxStatus.SENT:
        fields["sent_at"] = now
        fields["last_error"] = entry.last_error
        if entry.idempotency_key.startswith(FORGOTTEN_ONCE_SENT):
            fields["body"] = FORGOTTEN_BODY
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            entry=entry, attempted_at=now, ok=status == OutboxStatus.SENT, error=error
        )
        # only the claim's own row: a worker that took too long and was reaped records nothing
        OutboxEntry.objects.filter(pk=entry.pk, status=OutboxStatus.SENDING).update(**fields)
    return status


def reap_orphans(now):
    """Entries left 发送中 by a worker that died while sending become 结果未知."""
    limit = now - datetime.timedelta(
        seconds=settings.NOTIFY_DEADLINE_SECONDS + ORPHAN_MARGIN_SECONDS
    )
    return OutboxEntry.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=limit).update(
        status=OutboxStatus.UNKNOWN,
        last_error="发送过程中断（后台任务退出或数据库断开），对方可能已收到；"
        "不自动重发，请核实后手工重新发送",
    )


def deliver_pending(now=None, limit=200):
    """Send what is due; returns (sent, not sent)."""
    now = now or timezone.now()
    reap_orphans(now)
    sent = not_sent = 0
    for _ in range(limit):
        entry = _claim(now)
        if entry is None:
            break
        if entry.status != OutboxStatus.SENDING:
            not_sent += 1
            continue
        status, error, retry = _outcome(entry)
        try:
            status = _record(entry, now, status, error, retry)
        except DatabaseError:
            # left 发送中: reaped as 结果未知 once the database answers again
            logger.exception("发送队列第 %s 条的结果未能记录", entry.pk)
            raise
        if status == OutboxStatus.SENT:
            sent += 1
        else:
            not_sent += 1
    return sent, not_sent


@transaction.atomic
def resend(entries):
    """The admin's 重新发送: the selected entries — failed, of unknown outcome, sent, or waiting
    — go back to the queue due now with a fresh count of attempts (one being sent is left)."""
    return (
        OutboxEntry.objects.filter(pk__in=list(entries.values_list("pk", flat=True)))
        .exclude(status=OutboxStatus.SENDING)
        .update(
            status=OutboxStatus.PENDING,
            next_attempt_at=timezone.now(),
            attempts=0,
            waiting_reason="",
            claimed_at=None,
        )
    )
