"""附件1 and 附件3 importers into Project; the natural key is campaign + annex + project name."""

from baidays.excel.planning import AnnexImporter, name_form
from enterprises.models import Enterprise
from projects.choices import Annex
from projects.models import Project


class ProjectImporter(AnnexImporter):
    model = Project
    plain_fields = (
        "seq",
        "name",
        "content_scale",
        "zone",
        "total_investment_wan",
        "planned_investment_wan",
        "milestone_target",
        "planned_start",
        "planned_finish",
        "planned_start_is_month",
        "planned_finish_is_month",
        "note",
    )
    lookups = {
        "responsible_leader": ("responsible_leader", "person"),
        "responsible_department": ("responsible_department", "department"),
    }
    key_fields = ("name",)

    def scope(self):
        return {"campaign_id": self.campaign.pk, "annex": int(self.annex)}


class InfrastructureProjectImporter(ProjectImporter):
    annex = Annex.INFRASTRUCTURE


class KeyProjectImporter(ProjectImporter):
    """附件3 also names the owner enterprise; it is linked when the enterprise is known."""

    annex = Annex.KEY_INDUSTRIAL
    plain_fields = (*ProjectImporter.plain_fields, "owner_name", "annual_planned_wan")
    lookups = {**ProjectImporter.lookups, "owner": ("owner_name", "enterprise")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._enterprises = None

    def enterprise(self, name):
        if self._enterprises is None:
            self._enterprises = {name_form(e.name): e for e in Enterprise.objects.all()}
        return self._enterprises.get(name_form(name))
