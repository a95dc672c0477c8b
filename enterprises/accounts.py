"""The account of one enterprise (企业填报员); a module of its own, imported by models.py."""

from django.db import models
from simple_history.models import HistoricalRecords

from core.models import Person


class EnterpriseAccount(models.Model):
    """A 企业填报员: the login of one enterprise, which reports its own 争先杯 entries and
    raises its own 诉求 (core.access: `for_enterprise_account`)."""

    person = models.OneToOneField(
        Person,
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="enterprise_account",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="企业",
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["enterprise", "person"]
        verbose_name = "企业账号"
        verbose_name_plural = "企业账号"

    def __str__(self):
        return f"{self.enterprise.name}：{self.person.name}"
