"""What every dashboard reads with: the as-of scope, the tracked kinds (projects and 争先杯
entries side by side) and the small query helpers the dashboards share."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery

from core.choices import LagStatus
from core.selectors import report_week_as_of
from enterprises.models import CompetitionEntry, EntryReport
from projects.models import Project, ProjectReport

TOP_N = 10
LAGGING = [LagStatus.RED.value, LagStatus.YELLOW.value]


@dataclass(frozen=True)
class Scope:
    """Where the campaign stands on `as_of`: the report week in force and time progress."""

    campaign: object
    as_of: object

    @property
    def week(self):
        return report_week_as_of(self.campaign, self.as_of)

    @property
    def time_percent(self):
        return self.campaign.time_percent(self.as_of)


# --- tracked items (projects of annex 1 and 3, 争先杯 entries) -----------------------------


class TrackedKind:
    """What differs between a project and a 争先杯 entry when we list them side by side."""

    def __init__(self, key, model, report_model, item_field, label):
        self.key = key
        self.model = model
        self.report_model = report_model
        self.item_field = item_field
        self.label = label

    def items(self, campaign):
        queryset = self.model.objects.active().filter(campaign=campaign)
        if self.model is CompetitionEntry:
            return queryset.select_related("enterprise", "responsible_department")
        return queryset.select_related("responsible_department")

    def reports(self, campaign, week):
        """The reports the figures count (ProgressReportQuerySet.counted)."""
        return self._up_to(self.report_model.objects.counted(), campaign, week)

    def handed_in(self, campaign, week):
        """The reports handed in up to `week`, whatever their review state
        (ProgressReportQuerySet.handed_in): what 已报 and 未报 count."""
        return self._up_to(self.report_model.objects.handed_in(), campaign, week)

    def _up_to(self, reports, campaign, week):
        return reports.filter(
            **{f"{self.item_field}__in": self.model.objects.active().filter(campaign=campaign)},
            report_week__lte=week,
        )

    def last_reported_at(self, week):
        latest = self.report_model.objects.filter(
            **{self.item_field: OuterRef("pk"), "report_week__lte": week}
        ).order_by("-report_week")
        return Subquery(latest.values("submitted_at")[:1])

    def with_lag(self, campaign, scope):
        return (
            self.items(campaign)
            .with_lag(scope.week, campaign, scope.as_of)
            .annotate(last_reported_at=self.last_reported_at(scope.week))
        )

    def reported_in(self, week):
        """Whether the item's report of `week` was handed in (ProgressReportQuerySet.handed_in)."""
        return Exists(
            self.report_model.objects.handed_in().filter(
                **{self.item_field: OuterRef("pk"), "report_week": week}
            )
        )


PROJECTS = TrackedKind("project", Project, ProjectReport, "project", "项目")
ENTRIES = TrackedKind("entry", CompetitionEntry, EntryReport, "entry", "争先杯")
KINDS = {kind.key: kind for kind in (PROJECTS, ENTRIES)}


def _grouped(queryset, key, **aggregates):
    return {row[key]: row for row in queryset.order_by().values(key).annotate(**aggregates)}
