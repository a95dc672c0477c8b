from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from baidays.excel.export import write_annex
from baidays.excel.management.commands.import_annex import campaign_or_error


class Command(BaseCommand):
    help = "按附件格式导出附件1–4（含累计完成投资、完成比例、最新形象进度、进度状态）"

    def add_arguments(self, parser):
        parser.add_argument("annex", type=int, choices=[1, 2, 3, 4], help="附件编号 1–4")
        parser.add_argument("file", help="输出的 Excel 文件（.xlsx）")
        parser.add_argument("--campaign", help="百日行动标识，默认为当前百日行动")

    def handle(self, *args, annex, file, campaign=None, **options):
        found = campaign_or_error(campaign)
        try:
            Path(file).write_bytes(write_annex(annex, found))
        except OSError as error:
            raise CommandError(f"无法写入 {file}：{error.strerror or error}") from None
        self.stdout.write(f"已导出附件{annex}到 {file}")
