from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from baidays.setup.services import setup_campaign


class Command(BaseCommand):
    help = (
        "按实施方案建立百日行动：阶段、阶段任务、目标、专题目标、电力项目和规划节点（不含附件数据）"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="年度，默认为今年")

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度 {year} 无效，应在 2000–2100 之间")
        campaign = setup_campaign(year=year)
        self.stdout.write(
            self.style.SUCCESS(
                f"已就绪：{campaign.name}（标识 {campaign.slug}，"
                f"{campaign.start_date:%Y-%m-%d} 至 {campaign.end_date:%Y-%m-%d}）"
            )
        )
