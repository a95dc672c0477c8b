"""附件1 and 附件3 imports into Project; the natural key is campaign + annex + project name."""

from baidays.excel.importing import AnnexMeta, AnnexResource
from enterprises.models import Enterprise
from projects.choices import Annex
from projects.models import Project


class ProjectResource(AnnexResource):
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
        "note",
    )
    lookups = {
        "responsible_leader": ("responsible_leader", "person"),
        "responsible_department": ("responsible_department", "department"),
    }

    class Meta(AnnexMeta):
        model = Project

    def existing_queryset(self):
        return Project.objects.filter(campaign=self.campaign, annex=self.annex).select_related(
            "responsible_leader", "responsible_department", "owner"
        )

    def natural_key(self, row):
        return (self.cell(row, "name"),)

    def instance_key(self, instance):
        return (instance.name,)

    def fixed_values(self):
        return {"annex": self.annex}


class InfrastructureProjectResource(ProjectResource):
    annex = Annex.INFRASTRUCTURE


class KeyProjectResource(ProjectResource):
    """附件3 also names the owner enterprise; it is linked when the enterprise is known."""

    annex = Annex.KEY_INDUSTRIAL
    plain_fields = (*ProjectResource.plain_fields, "owner_name", "annual_planned_wan")
    lookups = {**ProjectResource.lookups, "owner": ("owner_name", "enterprise")}

    def __init__(self, **kwargs):
        self._enterprises = None
        super().__init__(**kwargs)

    def get_user_visible_fields(self):
        # 业主单位 is read once as text and once to link the enterprise; list it once
        return [f for f in super().get_user_visible_fields() if f.attribute != "owner"]

    def enterprise(self, name):
        if self._enterprises is None:
            self._enterprises = {e.name: e for e in Enterprise.objects.all()}
        return self._enterprises.get(name)
