"""附件2 (争先杯 entries) and 附件4 ("2112" key enterprises) imports. Both name an enterprise,
which is found or created by name and kept up to date (法人代表, 联系电话, 主要产品)."""

from django.core.exceptions import ValidationError

from baidays.excel.errors import RowErrors, RowProblem
from baidays.excel.planning import AnnexImporter, name_form
from enterprises.models import CompetitionEntry, Enterprise, KeyEnterprise

ENTERPRISE_DETAILS = ("legal_representative", "phone", "main_products")


class EnterpriseAnnexImporter(AnnexImporter):
    key_fields = ("enterprise_id",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._enterprises = None
        self.layout_keys = {column.key for column in self.layout.columns}

    def enterprise(self, name, details=None, row=None):
        if self._enterprises is None:
            self._enterprises = {name_form(e.name): e for e in Enterprise.objects.all()}
        enterprise = self._enterprises.get(name_form(name))
        if enterprise is None:
            enterprise = Enterprise(name=name, **(details or {}))
        else:
            # a name stored before with a line break inside is stored as now written
            wanted = {**(details or {}), "name": name}
            changed = {k: v for k, v in wanted.items() if getattr(enterprise, k) != v}
            if not changed:
                return enterprise
            for key, value in changed.items():
                setattr(enterprise, key, value)
        try:
            enterprise.full_clean()
        except ValidationError as error:
            raise RowErrors(
                [
                    RowProblem(row or 0, self.headers.get(key, ""), message)
                    for key, messages in error.message_dict.items()
                    for message in messages
                ]
            ) from None
        enterprise._change_reason = self.change_reason()
        enterprise._history_user = self.user
        enterprise.save()
        self._enterprises[name_form(name)] = enterprise
        return enterprise

    def prepare_row(self, row):
        """Create the enterprise, or bring its own record up to date with what the annex says
        of it (法人代表, 联系电话, 主要产品); blank cells leave what is known."""
        cells = row.values
        details = {
            key: cells[key]
            for key in ENTERPRISE_DETAILS
            if key in self.layout_keys and cells.get(key)
        }
        self.enterprise(cells.get("enterprise_name"), details, row.number)


class CompetitionEntryImporter(EnterpriseAnnexImporter):
    annex = 2
    model = CompetitionEntry
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
    key_fields = ("enterprise_id", "project_name")


class KeyEnterpriseImporter(EnterpriseAnnexImporter):
    annex = 4
    model = KeyEnterprise
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
