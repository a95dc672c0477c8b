"""Item lists of the dashboards and the big screen: rows of tracked items, the lagging and the
missing-report lists, and the 批示 shown beside them."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from baidays.dashboards.reviewed import report_counts
from core.choices import LagStatus
from core.models import Instruction
from core.money import ZERO, percent, quantize_wan
from core.selectors import cached_by_generation, lagging_ranks

from .common import KINDS, LAGGING, TOP_N


def item_row(item, kind, scope):
    """One tracked item as the templates and the briefing show it."""
    category = item.list_category
    # SQLite hands subquery decimals back as floats; show them as the two-place figures they are
    latest = quantize_wan(item.latest_percent)
    completed = quantize_wan(item.completed_investment_wan)
    share = percent(completed, item.planned_investment_wan)
    # colour and 计划完成率 as with_lag decided them (the item's own 进度计划, core.own_plan)
    lag = LagStatus(item.lag)
    plan_percent = percent(Decimal(item.due_cents) / 100, item.planned_investment_wan)
    return {
        "kind": kind.key,
        "pk": item.pk,
        "category": category,
        "name": item.name,
        "department": item.responsible_department.name,
        "department_id": item.responsible_department_id,
        "planned_wan": item.planned_investment_wan,
        "completed_wan": completed,
        # 投资完成率, the figure lag is judged by; 形象进度 % is what the unit reported
        "investment_percent": share,
        "latest_percent": latest,
        "plan_percent": plan_percent,
        "gap": max(plan_percent - share, ZERO),
        # the gap as the lists order by it (with_lag's behind_order, by_gap)
        "behind": item.behind_order,
        "lag": lag.value,
        "lag_label": lag.label,
        "progress_text": item.latest_progress_text or "",
        "last_report_week": item.latest_report_week,
        "last_reported_at": getattr(item, "last_reported_at", None),
    }


def by_gap(row):
    """The lagging lists' order (core.selectors.lagging_ranks: furthest behind its own plan
    first — 计划完成率 − 投资完成率 in points, the gap the lag rule judges, with_lag's
    `behind_order` being its negative — then pk) for item rows of both kinds together,
    projects before 争先杯 entries at an equal gap: what the top ten of the overview, the big
    screen, the briefing and a unit's page are sorted by."""
    return (row["behind"], list(KINDS).index(row["kind"]), row["pk"])


class LaggingItems:
    """The lagging list of one kind (optionally of one unit) as a sequence a Paginator pages:
    its length and order from core.selectors.lagging_ranks, the items of a slice read by
    their keys with with_lag. A slice reads its items afresh, so a write committed after
    the ranks were read shows its own figures; an item it took off the lagging list (or
    archived) drops out of the slice rather than show as lagging."""

    def __init__(self, kind, scope, department=None):
        self.kind, self.scope = kind, scope
        unit = getattr(department, "pk", department)
        self.keys = [
            pk
            for pk, owner in lagging_ranks(kind, scope.campaign, scope.as_of)
            if unit is None or owner == unit
        ]

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = self.keys[index]
        if not keys:
            return []
        found = self.kind.with_lag(self.scope.campaign, self.scope).filter(pk__in=keys)
        items = {item.pk: item for item in found if item.lag in LAGGING}
        return [items[pk] for pk in keys if pk in items]


def worst_lagging(scope, department=None, limit=TOP_N):
    """The first `limit` of the lagging lists of both kinds merged by_gap ("滞后最严重的事项"):
    each kind's first `limit` of its lagging list (LaggingItems)."""
    rows = []
    for kind in KINDS.values():
        for item in LaggingItems(kind, scope, department)[:limit]:
            rows.append(item_row(item, kind, scope))
    rows.sort(key=by_gap)
    rows = rows[:limit]
    attach_instructions(rows, scope.as_of)
    return rows


def attach_instructions(rows, as_of):
    """The 批示 of each listed item written by the end of `as_of`, in one query for the whole
    list."""
    if not rows:
        return
    types = ContentType.objects.get_for_models(*(kind.model for kind in KINDS.values()))
    type_of = {kind.key: types[kind.model] for kind in KINDS.values()}
    condition = Q(pk__in=[])
    for kind_key, content_type in type_of.items():
        ids = [row["pk"] for row in rows if row["kind"] == kind_key]
        if ids:
            condition |= Q(content_type=content_type, object_id__in=ids)
    found = {}
    written = Instruction.objects.filter(condition).written_by(as_of)
    for instruction in written.select_related("author__person"):
        key = (instruction.content_type_id, instruction.object_id)
        found.setdefault(key, []).append(instruction)
    for row in rows:
        row["instructions"] = found.get((type_of[row["kind"]].pk, row["pk"]), [])


# --- series and per-department figures ------------------------------------------------------


def missing_reports_by_department(scope):
    """For the report week in force: the units with reports missing, most missing first, each
    with the partition of its items' reports (reviewed.report_counts, as a dict: expected,
    approved, pending, returned, missing). Cached by generation: the overview, its unit
    ranking and the unit list all read it."""
    if scope.week == 0:
        return []
    return cached_by_generation(
        "missing-by-unit",
        scope.campaign,
        scope.as_of,
        lambda: _missing_reports_by_department(scope),
    )


def _missing_reports_by_department(scope):
    rows = [
        {"department_id": unit, "department": counts.department, **counts.as_dict()}
        for unit, counts in report_counts(scope.campaign, scope.week, by_department=True).items()
        if counts.missing
    ]
    rows.sort(key=lambda row: (-row["missing"], row["department"]))
    return rows


def missing_queryset(kind, scope, department=None):
    queryset = (
        kind.with_lag(scope.campaign, scope)
        .annotate(reported=kind.reported_in(scope.week))
        .filter(reported=False)
    )
    if department is not None:
        queryset = queryset.filter(responsible_department=department)
    return queryset.order_by("responsible_department__sort_order", "pk")
