from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "把数据库和上传文件备份为一个 .tar.gz 文件"

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件路径，例如 /backup/baidays-2026-06-15.tar.gz")

    def handle(self, *args, path, **options):
        try:
            manifest = create_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"已备份到 {path}：{manifest['database']['engine']} 数据库 {rows} 条记录，"
            f"上传文件 {manifest['media_files']} 个"
        )
