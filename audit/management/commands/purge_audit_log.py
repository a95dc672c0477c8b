"""python manage.py purge_audit_log: delete the audit records older than AUDIT_RETENTION_DAYS
(never fewer than 180 days) and record the purge itself. The only way records leave the log."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.services import purge_expired, retention_days


class Command(BaseCommand):
    help = "清理超过保存期限的安全审计记录（至少保存 180 天），并记录这次清理"

    def handle(self, *args, **options):
        count = purge_expired(now=timezone.now(), username="purge_audit_log")
        self.stdout.write(f"已清理 {count} 条超过 {retention_days()} 天的审计记录")
