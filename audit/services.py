"""Writing the security audit log: `record(...)` (every app calls it), the retention purge and
the chain check.

A record's hash is SHA-256 over its canonical fields and the previous record's hash, so a
record changed, removed or inserted in the database around the triggers breaks the chain at
that record. Writers are serialised while they read the last hash (PostgreSQL: a transaction
advisory lock; SQLite: one writer at a time by its IMMEDIATE transactions).

A record that cannot be written is never passed over silently: the error is logged at ERROR
and `AuditUnavailable` raised, so the request or command that needed the record fails
visibly (audit/middleware.py answers the request with a 503 naming it)."""

import datetime
import hashlib
import json
import logging

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.choices import Event, Outcome
from audit.context import current_request
from audit.models import GENESIS_HASH, AuditRecord, PurgePermit

logger = logging.getLogger("audit")

CHAIN_LOCK = 727_061_024  # any constant: the advisory lock's key on PostgreSQL
MINIMUM_RETENTION_DAYS = 180  # 网络安全法 第二十一条: network logs kept at least six months


class AuditUnavailable(Exception):
    """The audit log could not be written; the operation that needed it must not pass."""


def client_address(request):
    """The client's address as the failed-login lock sees it (behind the proxy: X-Real-IP)."""
    from axes.helpers import get_client_ip_address

    try:
        return get_client_ip_address(request) or None
    except (AttributeError, ValueError):
        return request.META.get("REMOTE_ADDR") or None


def canonical(*, at, user_id, username, address, event, target, outcome, details, previous):
    fields = {
        "at": at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "user_id": user_id,
        "username": username,
        "address": address,
        "event": event,
        "target": target,
        "outcome": outcome,
        "details": details,
        "previous": previous,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def hash_of(record, previous=None):
    text = canonical(
        at=record.at,
        user_id=record.user_id,
        username=record.username,
        address=record.address,
        event=record.event,
        target=record.target,
        outcome=record.outcome,
        details=record.details,
        previous=record.previous_hash if previous is None else previous,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _who(request, user, username):
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return user.pk, user.get_username()
    return None, username or ""


def _lock_chain():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def record(
    *,
    event,
    outcome=Outcome.SUCCESS,
    request=None,
    user=None,
    username="",
    address=None,
    target="",
    details=None,
):
    """Append one record. `request` (default: the one being served) gives the user and the
    client address unless they are passed. Raises AuditUnavailable when it cannot write."""
    request = request if request is not None else current_request.get()
    user_id, name = _who(request, user, username)
    if address is None and request is not None:
        address = client_address(request)
    details = json.loads(json.dumps(details or {}, cls=DjangoJSONEncoder, ensure_ascii=False))
    try:
        with transaction.atomic():
            _lock_chain()
            last = AuditRecord.objects.order_by("-id").values_list("record_hash", flat=True)
            entry = AuditRecord(
                at=timezone.now(),
                user_id=user_id,
                username=name[:150],
                address=address,
                event=Event(event).value,
                target=str(target)[:500],
                outcome=Outcome(outcome).value,
                details=details,
                previous_hash=last.first() or GENESIS_HASH,
            )
            entry.record_hash = hash_of(entry)
            entry.save(force_insert=True)
    except DatabaseError as exc:
        logger.error("安全审计日志写入失败：%s %s %s %s（%s）", event, outcome, name, target, exc)
        raise AuditUnavailable("安全审计日志无法写入，本次操作未完成，请联系安全管理员") from exc
    return entry


def retention_days():
    return max(settings.AUDIT_RETENTION_DAYS, MINIMUM_RETENTION_DAYS)


def purge_expired(*, now, username=""):
    """Delete the records older than the retention and record the purge, in one transaction:
    the permit that lets the triggers pass the DELETE exists only inside it. The purge's own
    record keeps the hash the first remaining record points back to, so the chain stays
    checkable from there."""
    before = now - datetime.timedelta(days=retention_days())
    with transaction.atomic():
        _lock_chain()
        expired = AuditRecord.objects.filter(at__lt=before)
        count = expired.count()
        PurgePermit.objects.create(before=before)
        expired.delete()
        PurgePermit.objects.all().delete()
        first = AuditRecord.objects.order_by("id").values_list("previous_hash", flat=True)
        record(
            event=Event.AUDIT_PURGE,
            username=username,
            target=f"{before:%Y-%m-%d %H:%M:%S} 以前",
            details={
                "deleted": count,
                "before": before.isoformat(),
                "retention_days": retention_days(),
                "anchor": first.first() or GENESIS_HASH,
            },
        )
    return count


def first_break():
    """The first record that breaks the chain and why, or None when the chain is whole."""
    anchors = {GENESIS_HASH}
    anchors.update(
        AuditRecord.objects.filter(event=Event.AUDIT_PURGE).values_list(
            "details__anchor", flat=True
        )
    )
    previous = None
    for entry in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if previous is None and entry.previous_hash not in anchors:
            return entry, "第一条记录指向的上一条记录不存在（记录被删除）"
        if previous is not None and entry.previous_hash != previous:
            return entry, "指向的上一条记录摘要不符（前面的记录被修改、删除或插入）"
        if hash_of(entry) != entry.record_hash:
            return entry, "本条记录的内容与其摘要不符（记录被修改）"
        previous = entry.record_hash
    return None


def file_sha256(source):
    """SHA-256 of an uploaded file, a path or bytes; a file object is read from its start and
    left where it was."""
    from pathlib import Path

    if isinstance(source, bytes | bytearray):
        return hashlib.sha256(source).hexdigest()
    if isinstance(source, str | Path):
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()
    position = source.tell()
    source.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: source.read(1 << 20), b""):
        digest.update(chunk)
    source.seek(position)
    return digest.hexdigest()


def _path_name(source, summary):
    from pathlib import Path

    return str(source) if isinstance(source, str | Path) else f"附件{summary.annex} 工作簿"


def record_import(*, source, filename, summary, user=None):
    """One annex import that was saved: its file, the file's SHA-256 and what it changed."""
    return record(
        event=Event.IMPORT,
        user=user,
        target=filename or getattr(source, "name", "") or _path_name(source, summary),
        details={
            "annex": summary.annex,
            "sha256": file_sha256(source),
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "sheet": summary.sheet_name,
        },
    )
