import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from baidays.notify.outbox import deliver_pending
from baidays.notify.reminders import fire_due_occasions
from baidays.notify.supervision_notices import tell_supervisions


def parse_moment(raw):
    try:
        moment = datetime.datetime.strptime(raw, "%Y-%m-%d %H:%M")
    except ValueError:
        raise CommandError(f"--at 应形如 “2026-05-14 16:00”，现为“{raw}”") from None
    return timezone.make_aware(moment)


class Command(BaseCommand):
    help = (
        "生成此刻已到时间、尚未发出的提醒（催报等）和尚未通知的督办单（黄牌、红牌），"
        "每个场次、每张督办单只发一次，并投递发送队列"
    )

    def add_arguments(self, parser):
        parser.add_argument("--at", help="按这一时刻（北京时间，YYYY-MM-DD HH:MM）计算")

    def handle(self, *args, at=None, **options):
        moment = parse_moment(at) if at else timezone.now()
        fired = fire_due_occasions(moment)
        for occasion in fired:
            self.stdout.write(f"{occasion}：{occasion.messages_count} 条消息")
        if not fired:
            self.stdout.write("没有到时间且尚未发出的提醒")
        told = tell_supervisions(moment)
        self.stdout.write(
            f"督办通知：新发黄牌 {told['opened']} 张，升级红牌 {told['escalated']} 张"
        )
        sent, not_sent = deliver_pending(moment)
        self.stdout.write(f"发送队列：已发送 {sent} 条，未发送 {not_sent} 条")
