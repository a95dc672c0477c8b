"""python manage.py audit_log [--since DATE] [--until DATE] [--user NAME] [--event KIND] [--json]"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.choices import Event
from audit.selectors import filtered_records


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”无效，应为 YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "列出安全审计记录（按时间、用户、事件筛选）"

    def add_arguments(self, parser):
        parser.add_argument("--since", help="起始日期 YYYY-MM-DD（含）")
        parser.add_argument("--until", help="截止日期 YYYY-MM-DD（含）")
        parser.add_argument("--user", default="", help="用户名")
        parser.add_argument("--event", default="", help="事件：" + "、".join(Event.values))
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, since=None, until=None, user="", event="", **options):
        if event and event not in Event.values:
            raise CommandError(f"事件“{event}”无效，应为：{'、'.join(Event.values)}")
        records = filtered_records(
            since=_date(since) if since else None,
            until=_date(until) if until else None,
            username=user,
            event=event,
        )
        if options["json"]:
            self.stdout.write(json.dumps([_as_dict(r) for r in records], ensure_ascii=False))
            return
        for entry in records.iterator():
            at = timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S")
            self.stdout.write(
                "\t".join(
                    [
                        str(entry.id),
                        at,
                        entry.username or "-",
                        entry.address or "-",
                        entry.event,
                        entry.outcome,
                        entry.target or "-",
                        json.dumps(entry.details, ensure_ascii=False),
                    ]
                )
            )


def _as_dict(entry):
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "user_id": entry.user_id,
        "username": entry.username,
        "address": entry.address,
        "event": entry.event,
        "target": entry.target,
        "outcome": entry.outcome,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
        "record_hash": entry.record_hash,
    }
