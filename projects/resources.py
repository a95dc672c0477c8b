"""附件1 and 附件3 imports into Project; the natural key is campaign + annex + project name."""

from baidays.excel.importing import AnnexResource, LookupWidget, field
from enterprises.models import Enterprise

from .choices import Annex
from .models import Project


class ProjectResource(AnnexResource):
    seq = field("seq")
    name = field("name")
    content_scale = field("content_scale")
    zone = field("zone")
    total_investment_wan = field("total_investment_wan")
    planned_investment_wan = field("planned_investment_wan")
    milestone_target = field("milestone_target")
    planned_start = field("planned_start")
    planned_finish = field("planned_finish")
    note = field("note")

    class Meta:
        model = Project
        fields = (
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
        import_id_fields = ()
        use_bulk = True
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        clean_model_instances = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["responsible_leader"] = field(
            "responsible_leader", widget=LookupWidget(self.person)
        )
        self.fields["responsible_department"] = self.department_field()

    def existing_queryset(self):
        return Project.objects.filter(campaign=self.campaign, annex=self.annex).select_related(
            "responsible_leader", "responsible_department", "owner"
        )

    def natural_key(self, row):
        return (row["name"],)

    def instance_key(self, instance):
        return (instance.name,)

    def fixed_values(self):
        return {"annex": self.annex}


class InfrastructureProjectResource(ProjectResource):
    annex = Annex.INFRASTRUCTURE

    class Meta(ProjectResource.Meta):
        pass


class KeyProjectResource(ProjectResource):
    """附件3 also names the owner enterprise; it is linked when the enterprise is known."""

    annex = Annex.KEY_INDUSTRIAL
    owner_name = field("owner_name")
    annual_planned_wan = field("annual_planned_wan")

    class Meta(ProjectResource.Meta):
        fields = (*ProjectResource.Meta.fields, "owner_name", "annual_planned_wan")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._enterprises = None
        self.fields["owner"] = field("owner", "owner_name", LookupWidget(self.enterprise))

    def enterprise(self, name):
        if self._enterprises is None:
            self._enterprises = {e.name: e for e in Enterprise.objects.all()}
        return self._enterprises.get(name)
