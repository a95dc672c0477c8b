"""python manage.py verify_audit_log: exit 0 when the hash chain is whole; otherwise it names
the first record that breaks it and exits 1."""

from django.core.management.base import BaseCommand, CommandError

from audit.models import AuditRecord
from audit.services import first_break


class Command(BaseCommand):
    help = "校验安全审计日志的摘要链是否完整"

    def handle(self, *args, **options):
        broken = first_break()
        if broken is not None:
            entry, reason = broken
            raise CommandError(
                f"审计日志不完整：第 {entry.id} 条记录（{entry}）{reason}", returncode=1
            )
        self.stdout.write(f"审计日志完整：共 {AuditRecord.objects.count()} 条记录，摘要链无断点")
