"""The security audit log (安全审计): who did what, when, from which address, on what, with
what outcome. Separate from the per-field data history (simple_history): that one tells how a
record changed, this one tells what people did with the system.

Append-only at the database: triggers (audit/triggers.py) refuse UPDATE and DELETE; the only
DELETE they let through is the retention purge's (`purge_audit_log`), of rows older than the
PurgePermit row that command writes and removes in the same transaction. Each record carries
the SHA-256 of the one before it, so a change made around the triggers is found by
`verify_audit_log`."""

from django.db import models

from audit.choices import Event, Outcome

GENESIS_HASH = "0" * 64


class AuditRecord(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    user_id = models.BigIntegerField("用户编号", null=True, blank=True)
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    address = models.GenericIPAddressField("客户端地址", null=True, blank=True)
    event = models.CharField("事件", max_length=32, choices=Event.choices, db_index=True)
    target = models.CharField("对象", max_length=500, blank=True)
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices)
    details = models.JSONField("详情", default=dict, blank=True)
    previous_hash = models.CharField("上一条记录的摘要", max_length=64)
    record_hash = models.CharField("本条记录的摘要", max_length=64, unique=True)

    class Meta:
        verbose_name = "安全审计记录"
        verbose_name_plural = "安全审计记录"
        ordering = ["id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_event_display()}"


class PurgePermit(models.Model):
    """Present only inside the purge command's transaction: the triggers let a DELETE through
    for rows older than `before` while a permit exists, and refuse every other."""

    before = models.DateTimeField()

    class Meta:
        verbose_name = "审计清理许可"

    def __str__(self):
        return f"清理 {self.before:%Y-%m-%d} 以前的审计记录"
