"""附件1 infrastructure projects and 附件3 key industrial investment projects, with their weekly
progress reports and site photos."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.bounds import seq_bounds
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
from projects.choices import Annex


class ProjectQuerySet(TrackedItemQuerySet):
    def infrastructure(self):
        return self.filter(annex=Annex.INFRASTRUCTURE)

    def key_industrial(self):
        return self.filter(annex=Annex.KEY_INDUSTRIAL)


class Project(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.PROTECT, related_name="projects"
    )
    annex = models.PositiveSmallIntegerField("附件", choices=Annex.choices)
    seq = models.PositiveIntegerField("序号", **seq_bounds())
    name = models.CharField("项目名称", max_length=200, validators=NAME_VALIDATORS)
    content_scale = models.CharField("建设内容及规模", max_length=500, blank=True)
    zone = models.CharField("所在区块", max_length=100, blank=True)
    owner_name = models.CharField(
        "业主单位", max_length=200, blank=True, validators=NAME_VALIDATORS
    )
    owner = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="业主企业",
        on_delete=models.PROTECT,
        related_name="key_projects",
        null=True,
        blank=True,
    )
    total_investment_wan = money_field("总投资（万元）")
    annual_planned_wan = money_field("年度计划投资（万元）")
    planned_investment_wan = money_field("百日计划投资（万元）")
    milestone_target = models.CharField("百日形象进度目标", max_length=300, blank=True)
    planned_start = models.DateField("计划开工时间", null=True, blank=True)
    planned_finish = models.DateField("计划完成时间", null=True, blank=True)
    # an annex often gives only the month ("2026年5月"): stored as its 1st, shown as the month
    planned_start_is_month = models.BooleanField("计划开工时间只到月份", default=False)
    planned_finish_is_month = models.BooleanField("计划完成时间只到月份", default=False)
    responsible_leader = models.ForeignKey(
        Person,
        verbose_name="责任领导",
        on_delete=models.PROTECT,
        related_name="led_projects",
        null=True,
        blank=True,
    )
    responsible_department = models.ForeignKey(
        Department,
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="projects",
    )
    note = models.CharField("备注", max_length=300, blank=True)
    is_archived = models.BooleanField("已归档", default=False)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords()

    archive_kind = "project"  # its URL kind for archiving (core.views)
    owner_unit_path = "responsible_department"  # core.access.visible_to

    objects = ProjectQuerySet.as_manager()
    # the own window of its linear 进度计划 (core.own_plan)
    schedule_window_fields = ("planned_start", "planned_finish")

    class Meta:
        ordering = ["campaign", "annex", "seq"]
        verbose_name = "项目"
        verbose_name_plural = "项目"
        permissions = [("import_annex", "可以从 Excel 导入附件1、附件3")]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "annex", "seq"],
                name="project_unique_seq",
                violation_error_message="同一附件中序号不能重复",
            ),
            models.UniqueConstraint(
                fields=["campaign", "annex", "name"],
                name="project_unique_name",
                violation_error_message="同一附件中项目名称不能重复",
            ),
            non_negative("total_investment_wan", "project"),
            non_negative("annual_planned_wan", "project"),
            non_negative("planned_investment_wan", "project"),
            models.CheckConstraint(
                condition=Q(planned_finish__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_finish__gte=F("planned_start")),
                name="project_finish_after_start",
                violation_error_message="计划完成时间不能早于计划开工时间",
            ),
            models.CheckConstraint(
                condition=Q(annex__in=[a.value for a in Annex]),
                name="project_known_annex",
                violation_error_message="附件只能是 1 或 3",
            ),
        ]
        indexes = [models.Index(fields=["responsible_department", "campaign"])]

    def __str__(self):
        return f"{self.seq}. {self.name}"

    def own_problems(self):
        """The problems its page shows: those raised about the project (`problems` is the
        reverse relation of the problems that name it)."""
        return self.problems.all()

    def search_hit_text(self):
        """(label, detail) of the project as the navbar's search lists it."""
        return self.name, f"{self.get_annex_display()} · {self.responsible_department}"

    @property
    def list_category(self):
        """What the dashboards' lists print in the 类别 column: the project's annex."""
        return "附件1" if self.annex == Annex.INFRASTRUCTURE else "附件3"


class ProjectReport(ProgressReport):
    project = models.ForeignKey(
        Project, verbose_name="项目", on_delete=models.CASCADE, related_name="reports"
    )
    history = HistoricalRecords()

    class Meta(ProgressReport.Meta):
        verbose_name = "项目周报"
        verbose_name_plural = "项目周报"
        constraints = ProgressReport.item_constraints("projectreport", "project")
        # covers the summary's per-week sums and latest-percent lookups without reading rows:
        # they count only some states (ProgressReportQuerySet.counted), so the state is in it
        indexes = [
            models.Index(
                fields=[
                    "project",
                    "report_week",
                    "percent_complete",
                    "week_investment_wan",
                    "state",
                ],
                name="projectreport_week_figures",
            )
        ]

    def __str__(self):
        return f"{self.project.name} 第{self.report_week}周"


class ProjectPhoto(SitePhoto):
    project = models.ForeignKey(
        Project, verbose_name="项目", on_delete=models.CASCADE, related_name="photos"
    )
    report = models.ForeignKey(
        ProjectReport,
        verbose_name="周报",
        on_delete=models.SET_NULL,
        related_name="photos",
        null=True,
        blank=True,
    )

    owner_unit_path = "project__responsible_department"  # core.access.visible_to

    class Meta(SitePhoto.Meta):
        verbose_name = "项目现场照片"
        verbose_name_plural = "项目现场照片"

    def __str__(self):
        return self.caption or f"{self.project.name} 照片"

    def campaign_of_photo(self):
        return self.project.campaign if self.project_id else None
