from django.core.management.base import BaseCommand, CommandError

from baidays.closing.models import WorkSummary
from core.dates import AsOfError, parse_as_of
from core.selectors import resolve_campaign
from supervision.models import Supervision

from ...export import KINDS, briefing_file, summary_file, supervision_file, week_as_of


class Command(BaseCommand):
    help = "把工作简报、督办通知单或工作小结写成 GB/T 9704-2012 版式的 .docx 公文"

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", choices=KINDS, help="briefing（工作简报）、supervision（督办通知单）"
        )
        parser.add_argument("file", help="写入的 .docx 文件")
        parser.add_argument("--campaign", help="百日行动标识，默认为当前百日行动")
        parser.add_argument("--as-of", dest="as_of", help="截至日期 YYYY-MM-DD，默认为今天")
        parser.add_argument("--week", type=int, help="工作简报的期数（周报周）")
        parser.add_argument("--id", dest="pk", type=int, help="督办单或工作小结的编号")

    def handle(self, *args, kind, file, campaign=None, as_of=None, week=None, pk=None, **options):
        try:
            day = parse_as_of(as_of)
        except AsOfError as exc:
            raise CommandError(str(exc)) from None
        if not file.lower().endswith(".docx"):
            raise CommandError(f"文件名应以 .docx 结尾：{file}")
        if kind == "supervision":
            _name, content = supervision_file(self._supervision(pk), day)
        elif kind == "summary":
            _name, content = self._summary(pk, day)
        else:
            found = self._campaign(campaign)
            if week is not None:
                try:
                    day = week_as_of(found, week, day)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
            _name, content = briefing_file(found, day)
        try:
            with open(file, "wb") as target:
                target.write(content)
        except OSError as exc:
            raise CommandError(f"无法写入 {file}：{exc.strerror}") from None
        self.stdout.write(f"已写入 {file}（{len(content)} 字节）")

    @staticmethod
    def _campaign(slug):
        found = resolve_campaign(slug)
        if found is None:
            raise CommandError(
                f"没有标识为 {slug} 的百日行动"
                if slug
                else "尚未建立百日行动，请先运行 setup_campaign"
            )
        return found

    @staticmethod
    def _summary(pk, day):
        if pk is None:
            raise CommandError("工作小结须用 --id 指定编号")
        found = WorkSummary.objects.select_related("campaign", "issued_by__person").filter(pk=pk)
        if not found:
            raise CommandError(f"没有编号为 {pk} 的工作小结")
        written = summary_file(found[0], day)
        if written is None:
            raise CommandError(f"编号为 {pk} 的工作小结在 {day:%Y-%m-%d} 尚未起草")
        return written

    @staticmethod
    def _supervision(pk):
        if pk is None:
            raise CommandError("督办通知单须用 --id 指定督办单编号")
        found = Supervision.objects.select_related("campaign", "department", "leader").filter(pk=pk)
        if not found:
            raise CommandError(f"没有编号为 {pk} 的督办单")
        return found[0]
