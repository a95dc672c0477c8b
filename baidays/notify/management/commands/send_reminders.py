import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from baidays.notify.models import Message, OutboxEntry
from baidays.notify.outbox import deliver_pending
from baidays.notify.reminders import fire_due_occasions
from baidays.notify.supervision_notices import tell_supervisions


def parse_moment(raw):
    try:
        moment = datetime.datetime.strptime(raw, "%Y-%m-%d %H:%M")
    except ValueError:
        raise CommandError(f"--at 应形如 “2026-05-14 16:00”，现为“{raw}”") from None
    return timezone.make_aware(moment)


def _last(model):
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


class Preview(Exception):
    """Raised to roll a --dry-run back."""


class Command(BaseCommand):
    help = (
        "生成此刻已到时间、尚未发出的提醒（催报等）和尚未通知的督办单（黄牌、红牌），"
        "每个场次、每张督办单只发一次，并投递发送队列。"
        "--at 按另一时刻计算：只能与 --dry-run（预览：显示将发出的消息，什么也不记录、不发送）"
        "或 --force（真的发出，并用掉那一天的场次）同用"
    )

    def add_arguments(self, parser):
        parser.add_argument("--at", help="按这一时刻（北京时间，YYYY-MM-DD HH:MM）计算")
        parser.add_argument(
            "--dry-run", action="store_true", help="预览：列出将发出的消息，不记录、不发送"
        )
        parser.add_argument("--force", action="store_true", help="与 --at 同用：真的按那一时刻发出")

    def handle(self, *args, at=None, dry_run=False, force=False, **options):
        moment = parse_moment(at) if at else timezone.now()
        if at and not (dry_run or force):
            raise CommandError(
                "--at 会用掉那一天真实的提醒场次（当天到点时不再发出）。"
                "试看请加 --dry-run（什么也不记录）；确要按那一时刻发出请加 --force"
            )
        if not dry_run:
            self._fire(moment)
            sent, not_sent = deliver_pending(moment)
            self.stdout.write(f"发送队列：已发送 {sent} 条，未发送 {not_sent} 条")
            return
        try:
            with transaction.atomic():
                before = (_last(Message), _last(OutboxEntry))
                self._fire(moment)
                self._show_preview(*before)
                raise Preview
        except Preview:
            self.stdout.write("以上为预览（--dry-run）：没有记录任何场次，没有发送任何消息")

    def _fire(self, moment):
        fired = fire_due_occasions(moment)
        for occasion in fired:
            self.stdout.write(f"{occasion}：{occasion.messages_count} 条消息")
        if not fired:
            self.stdout.write("没有到时间且尚未发出的提醒")
        told = tell_supervisions(moment)
        self.stdout.write(
            f"督办通知：新发黄牌 {told['opened']} 张，升级红牌 {told['escalated']} 张"
        )

    def _show_preview(self, last_message, last_entry):
        messages = Message.objects.filter(pk__gt=last_message).select_related("recipient")
        for message in messages.order_by("pk"):
            self.stdout.write(f"站内消息 → {message.recipient}：{message.subject}")
        entries = OutboxEntry.objects.filter(pk__gt=last_entry).select_related("channel")
        for entry in entries.order_by("pk"):
            self.stdout.write(f"外部渠道 → {entry.channel or entry.to_address}：{entry.subject}")
