"""附件2 争先杯 entries, 附件4 "2112" key enterprises, their problems and service visits, and
招商引资 (promotion events, land transfers)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q
from simple_history.models import HistoricalRecords

from core.archiving import ArchivableQuerySet
from core.bounds import count_bounds, seq_bounds, text_bounds
from core.dates import check_dates_in_window
from core.models import (
    Campaign,
    Department,
    Person,
    ProgressReport,
    SitePhoto,
    TrackedItemQuerySet,
    money_field,
    non_negative,
)
from core.validators import NAME_VALIDATORS
from enterprises.choices import (
    CompetitionGoal,
    KeyEnterpriseCategory,
)


class EnterpriseQuerySet(models.QuerySet):
    def for_enterprise_account(self, user):
        return self.filter(accounts__person__user=user)


class Enterprise(models.Model):
    name = models.CharField("企业名称", max_length=200, unique=True, validators=NAME_VALIDATORS)
    legal_representative = models.CharField("法人代表", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    main_products = models.CharField("主要产品", max_length=200, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    history = HistoricalRecords()

    # a unit serves the enterprises of its 争先杯 entries and key-enterprise records (its staff
    # raise problems on these only; core.access.visible_to)
    owner_unit_path = (
        "competition_entries__responsible_department",
        "key_enterprise_records__responsible_department",
    )

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "企业"
        verbose_name_plural = "企业"

    def __str__(self):
        return self.name


def of_enterprise_account(user):
    """The Q that keeps the rows of the enterprise whose account `user` is."""
    return Q(enterprise__accounts__person__user=user)


class CompetitionEntryQuerySet(TrackedItemQuerySet):
    def for_enterprise_account(self, user):
        return self.filter(of_enterprise_account(user))


class CompetitionEntry(models.Model):
    """One enterprise's project in the 争先杯 competition (附件2)."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name="百日行动",
        on_delete=models.PROTECT,
        related_name="competition_entries",
    )
    seq = models.PositiveIntegerField("序号", **seq_bounds())
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="企业",
        on_delete=models.PROTECT,
        related_name="competition_entries",
    )
    project_name = models.CharField("项目名称", max_length=200, validators=NAME_VALIDATORS)
    goal = models.CharField("建设类型（目标）", max_length=12, choices=CompetitionGoal.choices)
    total_investment_wan = money_field("总投资（万元）")
    planned_investment_wan = money_field("百日计划投资（万元）")
    construction_task = models.CharField("百日建设任务", max_length=300, blank=True)
    legal_representative = models.CharField("法人代表", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    pledge = models.TextField("法人代表公开承诺", blank=True, **text_bounds())
    liaison_leader = models.ForeignKey(
        Person,
        verbose_name="联系领导",
        on_delete=models.PROTECT,
        related_name="liaison_entries",
        null=True,
        blank=True,
    )
    responsible_department = models.ForeignKey(
        Department,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="competition_entries",
    )
    achieved_on = models.DateField("目标实现日期（开工/竣工）", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    is_archived = models.BooleanField("已归档", default=False)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords()

    archive_kind = "competition-entry"  # its URL kind for archiving (core.views)
    owner_unit_path = "responsible_department"  # core.access.visible_to

    objects = CompetitionEntryQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "seq"]
        verbose_name = "争先杯参赛项目"
        verbose_name_plural = "争先杯参赛项目"
        permissions = [("import_annex", "可以从 Excel 导入附件2、附件4")]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "seq"],
                name="entry_unique_seq",
                violation_error_message="序号不能重复",
            ),
            models.UniqueConstraint(
                fields=["campaign", "enterprise", "project_name"],
                name="entry_unique_project",
                violation_error_message="同一企业的同名项目已存在",
            ),
            non_negative("total_investment_wan", "entry"),
            non_negative("planned_investment_wan", "entry"),
            models.CheckConstraint(
                condition=Q(goal__in=CompetitionGoal.values),
                name="entry_known_goal",
                violation_error_message="建设类型只能是 开工、加快推进 或 竣工",
            ),
        ]
        indexes = [models.Index(fields=["responsible_department", "campaign"])]

    def __str__(self):
        return f"{self.enterprise.name} — {self.project_name}"

    def own_problems(self):
        """The problems its page shows: its enterprise's in its campaign (a 诉求 is raised by
        the enterprise, not for one of its entries)."""
        return Problem.objects.filter(enterprise=self.enterprise, campaign=self.campaign)

    def search_hit_text(self):
        """(label, detail) of the entry as the navbar's search lists it."""
        return self.enterprise.name, f"{self.project_name} · {self.responsible_department}"

    @property
    def name(self):
        return f"{self.enterprise.name}（{self.project_name}）"

    # what the dashboards' lists print in the 类别 column
    list_category = "争先杯"

    @property
    def goal_achieved(self):
        return self.achieved_on is not None


class EntryReport(ProgressReport):
    entry = models.ForeignKey(
        CompetitionEntry,
        verbose_name="参赛项目",
        on_delete=models.CASCADE,
        related_name="reports",
    )
    history = HistoricalRecords()

    class Meta(ProgressReport.Meta):
        verbose_name = "争先杯周报"
        verbose_name_plural = "争先杯周报"
        constraints = ProgressReport.item_constraints("entryreport", "entry")
        # covers the summary's per-week sums and latest-percent lookups without reading rows:
        # they count only some states (ProgressReportQuerySet.counted), so the state is in it
        indexes = [
            models.Index(
                fields=["entry", "report_week", "percent_complete", "week_investment_wan", "state"],
                name="entryreport_week_figures",
            )
        ]

    def __str__(self):
        return f"{self.entry} 第{self.report_week}周"


class EntryPhoto(SitePhoto):
    entry = models.ForeignKey(
        CompetitionEntry,
        verbose_name="参赛项目",
        on_delete=models.CASCADE,
        related_name="photos",
    )
    report = models.ForeignKey(
        EntryReport,
        verbose_name="周报",
        on_delete=models.SET_NULL,
        related_name="photos",
        null=True,
        blank=True,
    )

    owner_unit_path = "entry__responsible_department"  # core.access.visible_to

    class Meta(SitePhoto.Meta):
        verbose_name = "争先杯现场照片"
        verbose_name_plural = "争先杯现场照片"

    def __str__(self):
        return self.caption or f"{self.entry} 照片"

    def campaign_of_photo(self):
        return self.entry.campaign if self.entry_id else None


class KeyEnterpriseQuerySet(ArchivableQuerySet):
    def with_service_figures(self, as_of):
        """Annotate the figures of a key enterprise's service as they stood at the end of
        `as_of`: visits made, problems raised, and of those the open and the resolved ones."""
        problems = Problem.objects.active().filter(campaign=OuterRef("campaign")).raised_by(as_of)
        return self.annotate(
            visit_count=Count("visits", filter=Q(visits__visited_on__lte=as_of), distinct=True),
            problems_total=problems.count_per("enterprise", "enterprise"),
            open_problem_count=problems.open_as_of(as_of).count_per("enterprise", "enterprise"),
            resolved_problem_count=problems.resolved_as_of(as_of).count_per(
                "enterprise", "enterprise"
            ),
        )


class KeyEnterprise(models.Model):
    """A "2112" key enterprise served during the campaign (附件4)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.PROTECT, related_name="key_enterprises"
    )
    seq = models.PositiveIntegerField("序号", **seq_bounds())
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="企业",
        on_delete=models.PROTECT,
        related_name="key_enterprise_records",
    )
    category = models.CharField("企业类别", max_length=12, choices=KeyEnterpriseCategory.choices)
    liaison_leader = models.CharField("联系县领导", max_length=50, blank=True)
    service_person = models.ForeignKey(
        Person,
        verbose_name="服务责任人",
        on_delete=models.PROTECT,
        related_name="served_enterprises",
        null=True,
        blank=True,
    )
    responsible_department = models.ForeignKey(
        Department,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="key_enterprises",
    )
    difficulties = models.TextField("存在困难和问题", blank=True, **text_bounds())
    coordination_needed = models.TextField("需协调解决事项", blank=True, **text_bounds())
    note = models.CharField("备注", max_length=300, blank=True)
    is_archived = models.BooleanField("已归档", default=False)
    history = HistoricalRecords()

    archive_kind = "key-enterprise"  # its URL kind for archiving (core.views)
    owner_unit_path = "responsible_department"  # core.access.visible_to

    objects = KeyEnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "seq"]
        verbose_name = "“2112”重点企业"
        verbose_name_plural = "“2112”重点企业"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "seq"],
                name="keyenterprise_unique_seq",
                violation_error_message="序号不能重复",
            ),
            models.UniqueConstraint(
                fields=["campaign", "enterprise"],
                name="keyenterprise_unique_enterprise",
                violation_error_message="该企业已在重点企业名单中",
            ),
            models.CheckConstraint(
                condition=Q(category__in=KeyEnterpriseCategory.values),
                name="keyenterprise_known_category",
                violation_error_message="未知的企业类别",
            ),
        ]

    def __str__(self):
        return self.enterprise.name


class ServiceVisit(models.Model):
    """走访记录: the service person's visit to a key enterprise."""

    key_enterprise = models.ForeignKey(
        KeyEnterprise, verbose_name="重点企业", on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField("走访日期")
    visitors = models.CharField("走访人员", max_length=200)
    findings = models.TextField("发现情况", **text_bounds())
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on"]
        verbose_name = "走访记录"
        verbose_name_plural = "走访记录"

    def __str__(self):
        return f"{self.visited_on} 走访 {self.key_enterprise}"

    def clean(self):
        super().clean()
        campaign = self.key_enterprise.campaign if self.key_enterprise_id else None
        check_dates_in_window(campaign, self, visited_on="走访日期")


class PromotionEvent(models.Model):
    """招商引资和园区推介会."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.PROTECT, related_name="promotions"
    )
    title = models.CharField("推介会名称", max_length=200, validators=NAME_VALIDATORS)
    held_on = models.DateField("举办日期")
    place = models.CharField("地点", max_length=100)
    result = models.TextField("成效", blank=True, **text_bounds())
    leads_count = models.PositiveSmallIntegerField("意向项目（个）", default=0, **count_bounds())
    intended_investment_wan = money_field("意向投资（万元）")
    responsible_department = models.ForeignKey(
        Department,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="promotions",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    owner_unit_path = "responsible_department"  # core.access.visible_to

    class Meta:
        ordering = ["-held_on"]
        verbose_name = "招商推介会"
        verbose_name_plural = "招商推介会"
        constraints = [non_negative("intended_investment_wan", "promotion")]

    def __str__(self):
        return f"{self.held_on} {self.title}"

    def clean(self):
        super().clean()
        check_dates_in_window(self.campaign if self.campaign_id else None, self, held_on="举办日期")


class LandTransfer(models.Model):
    """出让土地."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.PROTECT, related_name="land_transfers"
    )
    parcel = models.CharField("地块", max_length=200)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="受让企业",
        on_delete=models.PROTECT,
        related_name="land_transfers",
        null=True,
        blank=True,
    )
    transferred_on = models.DateField("出让日期")
    area_mu = models.DecimalField("面积（亩）", max_digits=10, decimal_places=2)
    price_wan = money_field("成交价（万元）")
    note = models.CharField("备注", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-transferred_on"]
        verbose_name = "出让土地"
        verbose_name_plural = "出让土地"
        constraints = [
            models.CheckConstraint(
                condition=Q(area_mu__gt=0),
                name="landtransfer_area_positive",
                violation_error_message="面积必须大于 0",
            ),
            non_negative("price_wan", "landtransfer"),
        ]

    def __str__(self):
        return f"{self.parcel}（{self.area_mu}亩）"

    def clean(self):
        super().clean()
        check_dates_in_window(
            self.campaign if self.campaign_id else None, self, transferred_on="出让日期"
        )


# Problems have a module of their own; imported here so Django finds them in this app's models.
from enterprises.accounts import EnterpriseAccount  # noqa: E402, F401
from enterprises.problems import Problem, ProblemStatusChange  # noqa: E402, F401
