"""Reports as review sees them: the campaign's reports (figures take `.counted()`, the one rule
of ProgressReportQuerySet) and the one partition of a week's reports that every page showing
report counts prints — 应报 = 已通过 + 待审核 + 退回 + 未报 (ReportCounts)."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from core.choices import ReportState
from core.registry import TRACKED_KINDS

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
    """(kind, the campaign's active items of the kind) for each registered tracked kind
    (core.registry.TRACKED_KINDS), in its order: projects, then 争先杯 entries."""
    return [
        (kind, kind.model.objects.active().filter(campaign=campaign))
        for kind in TRACKED_KINDS.values()
    ]


def campaign_reports(campaign):
    """Every report on the campaign's active tracked items, whatever its state: one queryset
    per registered kind, in its order (projects, then 争先杯 entries)."""
    return tuple(
        kind.report_model.objects.filter(**{f"{kind.item_field}__in": items})
        for kind, items in tracked_items(campaign)
    )


def report_counts(campaign, week, *, by_department=False):
    """The partition of `week`'s reports of every active tracked item of the campaign:
    {unit pk: ReportCounts} with `by_department`, else {None: ReportCounts}. One grouped query
    per kind: each item with the state of its report of the week (none: 未报)."""
    counts = {}
    for kind, items in tracked_items(campaign):
        objects, item_field = kind.report_model.objects, kind.item_field
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
    for kind, items in tracked_items(campaign):
        mine = items.filter(**{UNIT: department})
        expected = mine.count()
        objects, item_field = kind.report_model.objects, kind.item_field
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
