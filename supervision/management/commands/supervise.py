import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.selectors import resolve_campaign
from supervision.services import supervise


class Command(BaseCommand):
    help = "按当日情况发出、升级、销号督办单（同一天重复运行不会改变任何数据）"

    def add_arguments(self, parser):
        parser.add_argument("--campaign", help="百日行动标识，默认为当前百日行动")
        parser.add_argument("--as-of", help="按哪一天的情况督办（YYYY-MM-DD），默认今天")

    def handle(self, *args, campaign=None, as_of=None, **options):
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期 {as_of!r} 无效，应为 YYYY-MM-DD 格式") from None
        found = resolve_campaign(campaign, today=day)
        if found is None:
            raise CommandError(
                f"没有标识为 {campaign} 的百日行动" if campaign else "尚未建立百日行动"
            )
        counts = supervise(campaign=found, as_of=day)
        self.stdout.write(
            f"{found}（{day:%Y-%m-%d}）：新发督办单 {counts['opened']} 张，"
            f"升级红牌 {counts['escalated']} 张，销号 {counts['closed']} 张"
        )
