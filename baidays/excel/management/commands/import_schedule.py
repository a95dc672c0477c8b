from django.core.management.base import BaseCommand, CommandError

from baidays.excel.errors import RowErrors, WorkbookError
from baidays.excel.management.commands.import_annex import campaign_or_error
from baidays.excel.schedule_import import import_schedule


class Command(BaseCommand):
    help = (
        "从 Excel 导入各项目的进度计划（每行一个项目，每列一个时段：第1周…第N周、日期或月份，"
        "金额单位万元）；任何一行有误时不保存任何数据"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件（.xlsx、.xlsm、.xls 或 .ods）")
        parser.add_argument("--campaign", help="百日行动标识，默认为当前百日行动")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不保存")

    def handle(self, *args, file, campaign=None, dry_run=False, **options):
        found = campaign_or_error(campaign)
        try:
            result = import_schedule(source=file, campaign=found, dry_run=dry_run)
        except WorkbookError as error:
            raise CommandError(f"{file}：{error}") from None
        except RowErrors as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file}：{len(error.problems)} 处错误，未导入任何数据，请修改后重新导入"
            ) from None
        for item, weeks in result.updated:
            total = sum(weeks.values())
            self.stdout.write(f"{item}：{len(weeks)} 周，合计 {total:.2f} 万元")
        self.stdout.write(str(result))
