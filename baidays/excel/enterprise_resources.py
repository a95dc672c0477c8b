"""附件2 (争先杯 entries) and 附件4 ("2112" key enterprises) imports. Both name an enterprise,
which is found or created by name and kept up to date (法人代表, 联系电话, 主要产品)."""

from baidays.excel.importing import AnnexMeta, AnnexResource
from enterprises.models import CompetitionEntry, Enterprise, KeyEnterprise

ENTERPRISE_DETAILS = ("legal_representative", "phone", "main_products")


class EnterpriseAnnexResource(AnnexResource):
    def __init__(self, **kwargs):
        self._enterprises = None
        super().__init__(**kwargs)

    def enterprise(self, name, details=None):
        if self._enterprises is None:
            self._enterprises = {e.name: e for e in Enterprise.objects.all()}
        enterprise = self._enterprises.get(name)
        if enterprise is None:
            enterprise = Enterprise(name=name, **(details or {}))
        else:
            changed = {k: v for k, v in (details or {}).items() if getattr(enterprise, k) != v}
            if not changed:
                return enterprise
            for key, value in changed.items():
                setattr(enterprise, key, value)
        enterprise.full_clean()
        enterprise._change_reason = self.change_reason()
        enterprise.save()
        self._enterprises[name] = enterprise
        return enterprise

    def before_import_row(self, row, **kwargs):
        """Create the enterprise, or bring its own record up to date with what the annex says
        of it (法人代表, 联系电话, 主要产品); blank cells leave what is known."""
        details = {
            key: self.cell(row, key)
            for key in ENTERPRISE_DETAILS
            if key in self.layout_keys and self.cell(row, key)
        }
        self.enterprise(self.cell(row, "enterprise_name"), details)

    @property
    def layout_keys(self):
        return {column.key for column in self.layout.columns}

    def natural_key(self, row):
        return tuple(self.cell(row, key) for key in self.layout.name_keys)


class CompetitionEntryResource(EnterpriseAnnexResource):
    annex = 2
    plain_fields = (
        "seq",
        "project_name",
        "goal",
        "total_investment_wan",
        "planned_investment_wan",
        "construction_task",
        "legal_representative",
        "phone",
        "pledge",
        "note",
    )
    lookups = {
        "enterprise": ("enterprise_name", "enterprise"),
        "liaison_leader": ("liaison_leader", "person"),
        "responsible_department": ("responsible_department", "department"),
    }

    class Meta(AnnexMeta):
        model = CompetitionEntry

    def existing_queryset(self):
        return CompetitionEntry.objects.filter(campaign=self.campaign).select_related(
            "enterprise", "liaison_leader", "responsible_department"
        )

    def instance_key(self, instance):
        return (instance.enterprise.name, instance.project_name)


class KeyEnterpriseResource(EnterpriseAnnexResource):
    annex = 4
    plain_fields = (
        "seq",
        "category",
        "liaison_leader",
        "difficulties",
        "coordination_needed",
        "note",
    )
    lookups = {
        "enterprise": ("enterprise_name", "enterprise"),
        "service_person": ("service_person", "person"),
        "responsible_department": ("responsible_department", "department"),
    }

    class Meta(AnnexMeta):
        model = KeyEnterprise

    def existing_queryset(self):
        return KeyEnterprise.objects.filter(campaign=self.campaign).select_related(
            "enterprise", "service_person", "responsible_department"
        )

    def instance_key(self, instance):
        return (instance.enterprise.name,)
