from django.core.management.base import BaseCommand, CommandError

from baidays.excel.errors import RowErrors, WorkbookError
from baidays.excel.importing import import_annex
from baidays.excel.layouts import LAYOUTS
from baidays.excel.mappings import parse_map_option
from core.selectors import resolve_campaign


def campaign_or_error(slug):
    campaign = resolve_campaign(slug)
    if campaign is None:
        raise CommandError(
            f"没有标识为 {slug} 的百日行动" if slug else "尚未建立百日行动，请先运行 setup_campaign"
        )
    return campaign


class Command(BaseCommand):
    help = (
        "从 Excel 导入附件1–4（.xlsx、.xlsm、.xls、.ods，按表头含义识别列）；"
        "任何一行有误时不保存任何数据"
    )

    def add_arguments(self, parser):
        parser.add_argument("annex", type=int, choices=[1, 2, 3, 4], help="附件编号 1–4")
        parser.add_argument("file", help="Excel 文件（.xlsx、.xlsm、.xls 或 .ods）")
        parser.add_argument("--campaign", help="百日行动标识，默认为当前百日行动")
        parser.add_argument(
            "--dry-run", action="store_true", help="只检查并逐行显示将新增、更新的内容，不保存"
        )
        parser.add_argument(
            "--sheet",
            metavar="工作表名",
            help="要导入的工作表（默认按标题和表头识别；一个工作簿中有多个可能的工作表时须指定）",
        )
        parser.add_argument(
            "--accept-dates",
            action="store_true",
            help="计划完成时间早于百日行动开始、或计划开工时间晚于百日行动结束的行，确认无误后仍导入",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="表头文字=字段",
            help="把未识别的列对应到字段（字段写列名，如 计划开工时间；写“忽略”则不导入），"
            "导入成功后记住，下次同样的表头自动对应；可重复",
        )

    def handle(self, *args, annex, file, campaign=None, dry_run=False, **options):
        found = campaign_or_error(campaign)
        try:
            mapped = [parse_map_option(LAYOUTS[annex], option) for option in options["map"]]
            summary = import_annex(
                annex=annex,
                source=file,
                campaign=found,
                dry_run=dry_run,
                mapped=mapped,
                sheet=options.get("sheet"),
                accept_dates=options.get("accept_dates", False),
            )
        except WorkbookError as error:
            raise CommandError(f"{file}：{error}") from None
        except RowErrors as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file}：{len(error.problems)} 处错误，未导入任何数据，请修改后重新导入"
            ) from None
        for warning in summary.warnings:
            self.stdout.write(f"请注意：{warning}")
        if dry_run or options.get("verbosity", 1) > 1:
            for change in summary.changes:
                self.stdout.write(str(change))
        for note in summary.notes:
            self.stdout.write(note)
        if any(note.startswith("未识别的列") for note in summary.notes):
            self.stdout.write("如需导入这些列，请加 --map “表头文字=字段” 后重新导入")
        self.stdout.write(str(summary))
