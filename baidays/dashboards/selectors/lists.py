"""Item lists of the dashboards and the big screen: rows of tracked items, the lagging and the
missing-report lists, and the 批示 shown beside them."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from core.choices import LagStatus
from core.models import Instruction
from core.money import ZERO, percent, quantize_wan

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
        "lag": lag.value,
        "lag_label": lag.label,
        "progress_text": item.latest_progress_text or "",
        "last_report_week": item.latest_report_week,
        "last_reported_at": getattr(item, "last_reported_at", None),
    }


def lagging_queryset(kind, scope, department=None):
    queryset = kind.with_lag(scope.campaign, scope).filter(lag__in=LAGGING)
    if department is not None:
        queryset = queryset.filter(responsible_department=department)
    return queryset.order_by("behind_order", "pk")


def worst_lagging(scope, department=None, limit=TOP_N):
    """The `limit` items furthest behind time progress, projects and entries together: two
    bounded queries, merged."""
    rows = []
    for kind in KINDS.values():
        for item in lagging_queryset(kind, scope, department)[:limit]:
            rows.append(item_row(item, kind, scope))
    rows.sort(key=lambda row: (row["investment_percent"], row["kind"], row["pk"]))
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
    """For the report week in force: items expected and missing per responsible unit."""
    week = scope.week
    by_department = {}
    if week == 0:
        return []
    for kind in KINDS.values():
        grouped = (
            kind.model.objects.active()
            .filter(campaign=scope.campaign)
            .annotate(reported=kind.reported_in(week))
            .order_by()
            .values("responsible_department", "responsible_department__name")
            .annotate(expected=Count("pk"), missing=Count("pk", filter=Q(reported=False)))
        )
        for group in grouped:
            row = by_department.setdefault(
                group["responsible_department"],
                {
                    "department_id": group["responsible_department"],
                    "department": group["responsible_department__name"],
                    "expected": 0,
                    "missing": 0,
                },
            )
            row["expected"] += group["expected"]
            row["missing"] += group["missing"]
    rows = [row for row in by_department.values() if row["missing"]]
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
