from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "从 backup 命令生成的备份文件恢复数据库和上传文件（默认只恢复到空的安装）"

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件路径")
        parser.add_argument(
            "--force", action="store_true", help="当前安装已有数据时也恢复（覆盖现有数据）"
        )

    def handle(self, *args, path, force=False, **options):
        try:
            manifest = restore_backup(path, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = manifest.get("rows")
        count = (
            sum(n for n in rows.values() if isinstance(n, int)) if isinstance(rows, dict) else "?"
        )
        self.stdout.write(
            f"已从 {path} 恢复：备份时间 {manifest.get('created_at', '未记录')}，"
            f"数据库 {count} 条记录，上传文件 {manifest.get('media_files', '?')} 个"
        )
