"""The department list and each department's page."""

from decimal import Decimal

from django.db.models import Count, Q

from baidays.dashboards.reviewed import report_counts_by_week
from core.lag import aggregate_lag
from core.models import Department
from core.money import percent
from core.registry import COMPLETABLE_KINDS
from core.selectors import no_unit_sums
from enterprises.models import CompetitionEntry, KeyEnterprise, Problem
from enterprises.problems import open_condition
from projects.choices import Annex
from projects.models import Project
from supervision.assessment import assess

from .common import KINDS, TOP_N, _grouped
from .lists import missing_reports_by_department, worst_lagging


def department_table(scope, assessment):
    """Every unit with what it owns and how it stands: a fixed number of grouped queries. The
    lag figures are the ones the 考核 judged (`assessment`, department_assessment)."""
    campaign = scope.campaign
    missing = {row["department_id"]: row["missing"] for row in missing_reports_by_department(scope)}
    problems = _grouped(
        Problem.objects.active()
        .filter(campaign=campaign)
        .raised_by(scope.as_of)
        .with_status_as_of(scope.as_of),
        "responsible_department",
        open=Count("pk", filter=open_condition()),
        overdue=Count("pk", filter=open_condition() & Q(due_date__lt=scope.as_of)),
    )
    overdue_items = _overdue_counts_by_department(scope)
    rows = []
    for department in Department.objects.filter(is_active=True):
        pk = department.pk
        row = {"department": department, **unit_totals(assessment, pk)}
        judge_unit(row, campaign)
        row["missing"] = missing.get(pk, 0)
        row["problems_open"] = problems.get(pk, {}).get("open", 0)
        row["problems_overdue"] = problems.get(pk, {}).get("overdue", 0)
        row["overdue"] = overdue_items.get(pk, 0)
        if row["items"] or row["problems_open"] or row["overdue"]:
            rows.append(row)
    return rows


TRACKED_FIGURES = ("items", "planned", "due_cents", "completed", "red", "yellow")


def unit_totals(assessment, unit):
    """The TRACKED_FIGURES of one unit, every tracked kind together, as the 考核 judged them."""
    totals = no_unit_sums()
    for kind in KINDS.values():
        sums = assessment.tracked[kind.model].get(unit)
        if sums:
            for field in TRACKED_FIGURES:
                totals[field] += sums[field]
    return totals


def judge_unit(figures, campaign):
    """A unit's 投资完成率, 计划完成率 and colour from its totals (`completed`, `planned`,
    `due_cents`): the lag rule applied to the totals (core.lag.aggregate_lag), as the unit list
    and the unit's page both show it."""
    due = Decimal(figures["due_cents"]) / 100
    figures["percent"] = percent(figures["completed"], figures["planned"])
    figures["plan_percent"] = percent(due, figures["planned"])
    figures["lag"] = aggregate_lag(figures["completed"], figures["planned"], due, campaign).value
    return figures


def _overdue_sources(scope):
    """(label, queryset of overdue things, department field) for each registered kind of
    thing with a due date (core.registry.COMPLETABLE_KINDS): due before as_of and not done
    (a problem: not resolved) by as_of."""
    campaign, as_of = scope.campaign, scope.as_of
    return [
        (kind.label, kind.of_campaign(campaign, as_of).overdue_as_of(as_of), kind.owner_field)
        for kind in COMPLETABLE_KINDS.values()
    ]


def _overdue_counts_by_department(scope):
    counts = {}
    for _label, queryset, field in _overdue_sources(scope):
        for row in queryset.order_by().values(field).annotate(n=Count("pk")):
            counts[row[field]] = counts.get(row[field], 0) + row["n"]
    return counts


def department_assessment(scope):
    """考核 of every unit as of the scope (supervision.assessment: the one computation the
    list, each unit's page, the workbook and the 评议 read)."""
    return assess(scope.campaign, scope.as_of)


def department_detail(scope, department):
    campaign = scope.campaign
    # the lag figures the 考核 judged, read once for every unit (supervision.assessment)
    assessment = department_assessment(scope)
    figures = judge_unit(unit_totals(assessment, department.pk), campaign)
    overdue = []
    for label, queryset, field in _overdue_sources(scope):
        for thing in queryset.filter(**{field: department}).order_by("due_date", "pk")[:TOP_N]:
            overdue.append({"label": label, "title": str(thing), "due_date": thing.due_date})
    problems = (
        Problem.objects.active()
        .filter(campaign=campaign, responsible_department=department)
        .open_as_of(scope.as_of)
        .select_related("enterprise", "project")
        .order_by("due_date", "pk")
    )
    return {
        "figures": figures,
        "assessment": assessment,
        "score": assessment.of(department),
        "lagging": worst_lagging(scope, department),
        "overdue": sorted(overdue, key=lambda row: row["due_date"])[:TOP_N],
        "open_problems": list(problems[:TOP_N]),
        "reporting": department_reporting(scope, department),
        "owned": owned_counts(scope, department),
    }


def owned_counts(scope, department):
    """What the unit is responsible for, by kind (one count query per kind)."""
    campaign = scope.campaign
    projects = dict(
        Project.objects.active()
        .filter(campaign=campaign, responsible_department=department)
        .order_by()
        .values_list("annex")
        .annotate(n=Count("pk"))
    )
    return [
        ("附件1 基础设施项目", projects.get(Annex.INFRASTRUCTURE, 0)),
        ("附件3 重点工业性投资项目", projects.get(Annex.KEY_INDUSTRIAL, 0)),
        (
            "附件2 争先杯参赛项目",
            CompetitionEntry.objects.active()
            .filter(campaign=campaign, responsible_department=department)
            .count(),
        ),
        (
            "附件4 重点企业",
            KeyEnterprise.objects.active()
            .filter(campaign=campaign, responsible_department=department)
            .count(),
        ),
        # what counts in the campaign on the as-of day, by the kind's own rule (a 议定事项
        # from its meeting on), as every other count of these kinds
        *(
            (
                kind.owned_label,
                kind.of_campaign(campaign, scope.as_of)
                .filter(**{kind.owner_field: department})
                .count(),
            )
            for kind in COMPLETABLE_KINDS.values()
            if kind.owned_label
        ),
    ]


def department_reporting(scope, department):
    """Week by week, newest first: the partition of the unit's reports (应报 = 已通过 + 待审核
    + 退回 + 未报, reviewed.report_counts_by_week), as the overview and the briefing show the
    campaign's."""
    campaign, week = scope.campaign, scope.week
    by_week = report_counts_by_week(campaign, week, department)
    return [
        {
            "week": number,
            "end": min(campaign.week_end(number), campaign.end_date),
            **by_week[number].as_dict(),
        }
        for number in range(week, 0, -1)
    ]


# --- league table (红黑榜) ------------------------------------------------------------------
