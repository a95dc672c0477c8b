"""Reports as review sees them: the campaign's reports (figures take `.counted()`, the one rule
of ProgressReportQuerySet) and the one partition of a week's reports that every page showing
report counts prints — 应报 = 已通过 + 待审核 + 退回 + 未报 (ReportCounts)."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from core.choices import ReportState
from enterprises.models import CompetitionEntry
from projects.models import Project

# the part of the partition a report in each state falls in: a report saved while the
# campaign needed no review counts as passed (ProgressReportQuerySet.counted)
PART_OF_STATE = {
    ReportState.SUBMITTED: "approved",
    ReportState.APPROVED: "approved",
    ReportState.PENDING: "pending",
    ReportState.RETURNED: "returned",
}
UNIT = "responsible_department"
REPORT_PARTS = ("expected", "approved", "pending", "returned", "missing")
REPORTING_RULE = (
    "应报 = 已通过 + 待审核 + 退回 + 未报：已通过（含无需审核时提交的）的周报计入完成投资；"
    "待审核和退回的已报送，审核通过后才计入；未报为尚未报送。本周未报清单和考核的按时报送"
    "按已报送（已通过、待审核、退回）计"
)


@dataclass
class ReportCounts:
    """The reports of one week of a set of tracked items: each item that was due one (应报)
    is in exactly one part — 已通过 (counted in the figures), 待审核, 退回 (handed in, not
    counted yet) or 未报 (not handed in)."""

    expected: int = 0
    approved: int = 0
    pending: int = 0
    returned: int = 0
    department_id: int | None = None
    department: str = ""

    @property
    def handed_in(self):
        return self.approved + self.pending + self.returned

    @property
    def missing(self):
        return self.expected - self.handed_in

    def add(self, state, n, *, due=True):
        """`n` items whose report of the week is in `state` (None: not handed in); `due`:
        they are counted in 应报 here (else already counted)."""
        if due:
            self.expected += n
        part = PART_OF_STATE.get(state)
        if part:
            setattr(self, part, getattr(self, part) + n)

    def as_dict(self):
        return {part: getattr(self, part) for part in REPORT_PARTS}


def tracked_items(campaign):
    """The campaign's active projects and 争先杯 entries, a queryset per kind."""
    return [
        Project.objects.active().filter(campaign=campaign),
        CompetitionEntry.objects.active().filter(campaign=campaign),
    ]


def _reports_of(items):
    """(the report model's objects, the report's item field) of a kind of tracked item."""
    relation = items.model._meta.get_field("reports")
    return relation.related_model.objects, relation.field.name


def campaign_reports(campaign):
    """Every report on the campaign's active projects and 争先杯 entries, whatever its state."""
    reports = []
    for items in tracked_items(campaign):
        objects, item_field = _reports_of(items)
        reports.append(objects.filter(**{f"{item_field}__in": items}))
    return reports


def report_counts(campaign, week, *, by_department=False):
    """The partition of `week`'s reports of every active tracked item of the campaign:
    {unit pk: ReportCounts} with `by_department`, else {None: ReportCounts}. One grouped query
    per kind: each item with the state of its report of the week (none: 未报)."""
    counts = {}
    for items in tracked_items(campaign):
        objects, item_field = _reports_of(items)
        state = objects.filter(**{item_field: OuterRef("pk"), "report_week": week})
        grouped = items.annotate(week_state=Subquery(state.values("state")[:1])).order_by()
        keys = [UNIT, f"{UNIT}__name"] if by_department else []
        for row in grouped.values(*keys, "week_state").annotate(n=Count("pk")):
            unit = row[UNIT] if by_department else None
            part = counts.setdefault(
                unit,
                ReportCounts(department_id=unit, department=row.get(f"{UNIT}__name", "")),
            )
            part.add(row["week_state"], row["n"])
    return counts


def report_counts_by_week(campaign, week, department):
    """{report week: ReportCounts} of a unit's active tracked items for weeks 1..`week`: a
    count and a grouped query per kind. The items due a report are those active now."""
    counts = {number: ReportCounts() for number in range(1, week + 1)}
    for items in tracked_items(campaign):
        mine = items.filter(**{UNIT: department})
        expected = mine.count()
        objects, item_field = _reports_of(items)
        handed_in = (
            objects.filter(**{f"{item_field}__in": mine}, report_week__gte=1, report_week__lte=week)
            .order_by()
            .values_list("report_week", "state")
            .annotate(n=Count("pk"))
        )
        for part in counts.values():
            part.expected += expected
        for number, state, n in handed_in:
            counts[number].add(state, n, due=False)
    return counts
