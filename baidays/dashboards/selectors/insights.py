"""The overview's and the big screen's added figures: status breakdown, unit ranking, planned
against completed investment by month, this week against last week and the newest site photos.
Each asks the existing reads — the tracked items' `with_lag` (core.lag's colour), the unit table,
the summary's weeks — and restates no rule."""

from decimal import Decimal

from django.db.models import Count

from core.choices import LagStatus, ReportProgress
from core.models import Department
from core.money import ZERO, percent, quantize_wan
from core.selectors import cached_by_generation, standing_groups, unit_sums

from ..summary import cached_campaign_summary
from .common import KINDS
from .lists import missing_reports_by_department

STATUSES = [
    ("on_plan", "按计划", "#2e7d32"),
    ("yellow", "滞后（黄）", "#f9a825"),
    ("red", "严重滞后（红）", "#c62828"),
    (ReportProgress.NOT_STARTED.value, "未开始", "#90a4ae"),
    (ReportProgress.DONE.value, "已完成", "#1565c0"),
]
PHOTO_STRIP = 8
RANKED_UNITS = 10


def status_breakdown(scope):
    """Projects and 争先杯 entries by where they stand: not started (no counted report yet),
    done (reported 100%), else the lag colour of core.lag — the sums of the shared standing
    groups (core.selectors.standing_groups), so the colour is computed once per item."""
    counts = {key: 0 for key, _label, _color in STATUSES}
    colour_keys = {
        LagStatus.ON_TRACK.value: "on_plan",
        LagStatus.YELLOW.value: "yellow",
        LagStatus.RED.value: "red",
    }
    for kind in KINDS.values():
        for group in standing_groups(kind, scope.campaign, scope.as_of):
            if group["progress"] == ReportProgress.UNDER_WAY:
                counts[colour_keys[group["lag"]]] += group["n"]
            else:
                counts[group["progress"]] += group["n"]
    return [
        {"key": key, "label": label, "color": color, "count": counts[key]}
        for key, label, color in STATUSES
    ]


def unit_ranking(scope, limit=RANKED_UNITS):
    """Units with items, by 投资完成率 (completed ÷ planned of the items they own, as with_progress
    counts them) and by this week's reporting rate (items reported ÷ items): the standings
    summed by unit (core.selectors.unit_sums), with the units' names in one query."""
    figures = {}
    for kind in KINDS.values():
        for unit, sums in unit_sums(kind, scope.campaign, scope.as_of).items():
            row = figures.setdefault(
                unit, {"department_id": unit, "items": 0, "planned": ZERO, "completed": ZERO}
            )
            for figure in ("items", "planned", "completed"):
                row[figure] += sums[figure]
    names = dict(Department.objects.filter(pk__in=figures).values_list("pk", "name"))
    for unit, row in figures.items():
        row["department"] = names[unit]
    missing = {row["department_id"]: row["missing"] for row in missing_reports_by_department(scope)}
    rows = []
    for pk, row in figures.items():
        reported = row["items"] - missing.get(pk, 0)
        rows.append(
            {
                "department": row["department"],
                "department_id": pk,
                "investment_percent": percent(quantize_wan(row["completed"]), row["planned"]),
                "reporting_percent": percent(reported, row["items"]) if scope.week else ZERO,
            }
        )
    by_investment = sorted(rows, key=lambda r: (-r["investment_percent"], r["department"]))
    by_reporting = sorted(rows, key=lambda r: (-r["reporting_percent"], r["department"]))
    return {"investment": by_investment[:limit], "reporting": by_reporting[:limit]}


def monthly_investment(scope, summary):
    """Per calendar month: completed investment (both targets) against the plan's share of the
    targets for that month, the plan running with time progress (the summary's weeks)."""
    target = scope.campaign.infrastructure_target_wan + scope.campaign.competition_target_wan
    months = {}
    for row in summary["weeks"]:
        month = row["end"][:7]
        months[month] = row  # the month's last week
    result = []
    planned_before = completed_before = ZERO
    for month, row in months.items():
        planned = quantize_wan(target * Decimal(row["time_percent"]) / 100)
        entry = {"month": f"{int(month[5:])}月", "planned_wan": planned - planned_before}
        planned_before = planned
        if "infrastructure_wan" in row:
            completed = Decimal(row["infrastructure_wan"]) + Decimal(row["competition_wan"])
            entry["completed_wan"] = completed - completed_before
            completed_before = completed
        else:
            entry["completed_wan"] = None
        result.append(entry)
    return result


def week_on_week(scope, summary):
    """The report week in force against the one before: investment completed in each, and how
    many reports came in."""
    week = scope.week
    done = [row for row in summary["weeks"] if "infrastructure_wan" in row]

    def completed(row):
        return Decimal(row["infrastructure_wan"]) + Decimal(row["competition_wan"])

    cumulative = [completed(row) for row in done]
    increments = [b - a for a, b in zip([ZERO, *cumulative], cumulative, strict=False)]
    this_week = increments[-1] if increments else ZERO
    last_week = increments[-2] if len(increments) > 1 else ZERO
    reports = {}
    for kind in KINDS.values():
        counted = kind.reports(scope.campaign, week).filter(report_week__gte=week - 1)
        for number, count in counted.order_by().values_list("report_week").annotate(n=Count("pk")):
            reports[number] = reports.get(number, 0) + count
    return {
        "week": week,
        "this_week_wan": this_week,
        "last_week_wan": last_week,
        "change_wan": this_week - last_week,
        "change_percent": percent(this_week - last_week, last_week) if last_week else None,
        "this_week_reports": reports.get(week, 0),
        "last_week_reports": reports.get(week - 1, 0),
    }


def newest_photos(scope, limit=PHOTO_STRIP):
    """The newest site photos uploaded by the as-of day, projects and entries together; shown
    through the item pages' checked photo view."""
    photos = []
    for kind in KINDS.values():
        field = kind.item_field
        queryset = (
            kind.photo_model.objects.filter(
                **{f"{field}__in": kind.items(scope.campaign)},
                uploaded_at__date__lte=scope.as_of,
            )
            .select_related(field)
            .order_by("-uploaded_at")[:limit]
        )
        for photo in queryset:
            item = getattr(photo, field)
            photos.append(
                {
                    "kind": kind.key,
                    "item_pk": item.pk,
                    "item_name": item.name,
                    "photo_pk": photo.pk,
                    "caption": photo.caption,
                    "uploaded_at": photo.uploaded_at,
                }
            )
    photos.sort(key=lambda p: p["uploaded_at"], reverse=True)
    return photos[:limit]


def insights(scope, *, summary=None, generation=...):
    """All of the above, cached by data generation like the overview; `summary` is the
    campaign summary the caller already holds (else it is read here)."""
    return cached_by_generation(
        "insights",
        scope.campaign,
        scope.as_of,
        lambda: _insights(scope, summary),
        generation=generation,
    )


def _insights(scope, summary):
    summary = summary or cached_campaign_summary(scope.campaign, scope.as_of)
    return {
        "statuses": status_breakdown(scope),
        "ranking": unit_ranking(scope),
        "months": monthly_investment(scope, summary),
        "week_on_week": week_on_week(scope, summary),
        "photos": newest_photos(scope),
    }
