"""附件2 (争先杯 entries) and 附件4 ("2112" key enterprises) imports. Both name an enterprise,
which is found or created by name and kept up to date (法人代表, 联系电话, 主要产品)."""

from baidays.excel.importing import AnnexResource, LookupWidget, field

from .models import CompetitionEntry, Enterprise, KeyEnterprise

ENTERPRISE_DETAILS = ("legal_representative", "phone", "main_products")


class EnterpriseAnnexResource(AnnexResource):
    class Meta:
        abstract = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._enterprises = None
        self.fields["responsible_department"] = self.department_field()

    def enterprise(self, name):
        if self._enterprises is None:
            self._enterprises = {e.name: e for e in Enterprise.objects.all()}
        if name not in self._enterprises:
            enterprise = Enterprise(name=name)
            enterprise.full_clean()
            enterprise.save()
            self._enterprises[name] = enterprise
        return self._enterprises[name]

    def before_import_row(self, row, **kwargs):
        """Bring the enterprise's own record up to date with what the annex says of it."""
        enterprise = self.enterprise(row["enterprise_name"])
        changed = [
            key
            for key in ENTERPRISE_DETAILS
            if row.get(key) and getattr(enterprise, key) != row[key]
        ]
        if changed:
            for key in changed:
                setattr(enterprise, key, row[key])
            enterprise._change_reason = self.change_reason()
            enterprise.full_clean()
            enterprise.save()


class CompetitionEntryResource(EnterpriseAnnexResource):
    annex = 2
    seq = field("seq")
    project_name = field("project_name")
    goal = field("goal")
    total_investment_wan = field("total_investment_wan")
    planned_investment_wan = field("planned_investment_wan")
    construction_task = field("construction_task")
    legal_representative = field("legal_representative")
    phone = field("phone")
    pledge = field("pledge")
    note = field("note")

    class Meta:
        model = CompetitionEntry
        fields = (
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
        import_id_fields = ()
        use_bulk = True
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        clean_model_instances = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["enterprise"] = field(
            "enterprise", "enterprise_name", LookupWidget(self.enterprise)
        )
        self.fields["liaison_leader"] = field("liaison_leader", widget=LookupWidget(self.person))

    def existing_queryset(self):
        return CompetitionEntry.objects.filter(campaign=self.campaign).select_related(
            "enterprise", "liaison_leader", "responsible_department"
        )

    def natural_key(self, row):
        return (row["enterprise_name"], row["project_name"])

    def instance_key(self, instance):
        return (instance.enterprise.name, instance.project_name)


class KeyEnterpriseResource(EnterpriseAnnexResource):
    annex = 4
    seq = field("seq")
    category = field("category")
    liaison_leader = field("liaison_leader")
    difficulties = field("difficulties")
    coordination_needed = field("coordination_needed")
    note = field("note")

    class Meta:
        model = KeyEnterprise
        fields = (
            "seq",
            "category",
            "liaison_leader",
            "difficulties",
            "coordination_needed",
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
        self.fields["enterprise"] = field(
            "enterprise", "enterprise_name", LookupWidget(self.enterprise)
        )
        self.fields["service_person"] = field("service_person", widget=LookupWidget(self.person))

    def existing_queryset(self):
        return KeyEnterprise.objects.filter(campaign=self.campaign).select_related(
            "enterprise", "service_person", "responsible_department"
        )

    def natural_key(self, row):
        return (row["enterprise_name"],)

    def instance_key(self, instance):
        return (instance.enterprise.name,)
