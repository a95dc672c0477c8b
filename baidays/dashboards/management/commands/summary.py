import json

from django.core.management.base import BaseCommand, CommandError

from baidays.dashboards.summary import campaign_summary
from core.dates import AsOfError, parse_as_of
from core.selectors import resolve_campaign


class Command(BaseCommand):
    help = "以 JSON 输出百日行动的汇总数据（金额为两位小数的字符串，单位万元）"

    def add_arguments(self, parser):
        parser.add_argument("--campaign", help="百日行动标识，默认为当前百日行动")
        parser.add_argument("--as-of", dest="as_of", help="截至日期 YYYY-MM-DD，默认为今天")

    def handle(self, *args, campaign=None, as_of=None, **options):
        try:
            as_of_date = parse_as_of(as_of)
        except AsOfError as exc:
            raise CommandError(str(exc)) from None
        found = resolve_campaign(campaign)
        if found is None:
            raise CommandError(
                f"没有标识为 {campaign} 的百日行动"
                if campaign
                else "尚未建立百日行动，请先运行 setup_campaign"
            )
        data = campaign_summary(found, as_of_date)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
