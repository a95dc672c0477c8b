"""Reading the audit log: one filter for the page, its export and the `audit_log` command."""

import datetime

from django.utils import timezone

from audit.models import AuditRecord


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_records(*, since=None, until=None, username="", event=""):
    """Records from the start of `since` to the end of `until` (local days), of one user and
    one event kind when given, oldest first."""
    records = AuditRecord.objects.all()
    if since:
        records = records.filter(at__gte=_day_start(since))
    if until:
        records = records.filter(at__lt=_day_start(until + datetime.timedelta(days=1)))
    if username:
        records = records.filter(username=username)
    if event:
        records = records.filter(event=event)
    return records.order_by("id")


def as_row(entry):
    """One record as plain values, in the order of COLUMNS."""
    return [
        entry.id,
        timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
        entry.username,
        entry.address or "",
        entry.get_event_display(),
        entry.target,
        entry.get_outcome_display(),
        entry.details,
        entry.record_hash,
    ]


COLUMNS = ["序号", "时间", "用户", "客户端地址", "事件", "对象", "结果", "详情", "摘要"]
