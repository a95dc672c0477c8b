"""考核: every responsible unit's score in a campaign as it stood at the end of a day, from its
weekly reports, its items against their own plans, the 督办 it received and the things it let
run past their deadline, weighted by the campaign's rules (CampaignRules). The department
dashboard, its workbook and the 总结阶段 评议 all read this one computation, and print the rule
with `rule_text`.

Each part reuses the rule that already decides it elsewhere: a week's report is in when the
item has a report for it handed in, whatever its review state (ProgressReportQuerySet.handed_in,
the 已报/未报 rule of the dashboards and of 督办), weeks are due once they
have ended (supervision.causes.last_complete_week), an item is on plan when with_lag finds it
neither yellow nor red in the report week in force, a 督办单 is red from its escalation, and a
thing is late when it was not done by the end of its due date (core.completable,
enterprises.problems). A fixed number of grouped queries, however many units and items."""

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from core.campaign_settings import CampaignRules
from core.models import Department
from core.money import CENT, percent
from core.registry import COMPLETABLE_KINDS, TRACKED_KINDS
from core.selectors import report_week_as_of, unit_sums
from supervision.causes import last_complete_week, tracked_items
from supervision.models import Supervision, late_answer_condition

RULE_TEXT = (
    "考核得分 = 按时报送 {reports} 分 × 按时报送率（已报送周报 ÷ 应报周报：每个跟踪项目每个"
    "已截止的周报周应报一次）+ 按计划推进 {on_plan} 分 × 按计划推进率（截至所在周报周未滞后于"
    "本项目进度计划的项目 ÷ 跟踪项目）− 黄牌每张 {yellow} 分 − 红牌每张 {red} 分 − "
    "督办逾期答复每次 {late_answer} 分 − 逾期办结（{things}到期未办结）每项 {late_closed} 分，"
    "最低 0 分；没有应报周报或跟踪项目的，该项"
    "得满分；得分相同者名次并列"
)


def _points(value):
    return f"{Decimal(value).normalize():f}"


def rule_text(campaign=None):
    """The scoring rule with the campaign's weights, as every table that shows a score prints
    it (the defaults without a campaign)."""
    rules = CampaignRules.of(campaign) if campaign is not None else CampaignRules()
    return RULE_TEXT.format(
        reports=_points(rules.weight_reports),
        on_plan=_points(rules.weight_on_plan),
        yellow=_points(rules.penalty_yellow),
        red=_points(rules.penalty_red),
        late_answer=_points(rules.penalty_late_answer),
        late_closed=_points(rules.penalty_late_closed),
        # every registered kind with a deadline counts (owned_things), named as registered
        things="、".join(kind.label for kind in COMPLETABLE_KINDS.values()),
    )


def _share_points(weight, part, whole):
    """`weight` × part ÷ whole to two places; the full weight when nothing was due."""
    if not whole:
        return Decimal(weight).quantize(CENT)
    return (Decimal(weight) * part / whole).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DepartmentScore:
    """One unit's parts and score; `rank` 1 is the best, equal scores share a rank."""

    department: Department
    reports_due: int = 0
    reports_on_time: int = 0
    items: int = 0
    items_on_plan: int = 0
    yellow: int = 0  # 督办单 received that were still 黄牌 at the end of the day
    red: int = 0  # 督办单 received that had become 红牌 by then
    late_answers: int = 0
    things: int = 0  # the things with a deadline the unit owns (core.registry.COMPLETABLE_KINDS)
    things_due: int = 0
    closed_late: int = 0
    report_points: Decimal = Decimal("0.00")
    plan_points: Decimal = Decimal("0.00")
    penalty_points: Decimal = Decimal("0.00")
    score: Decimal = Decimal("0.00")
    rank: int = 0

    @property
    def supervisions(self):
        return self.yellow + self.red

    @property
    def on_time_percent(self):
        return percent(self.reports_on_time, self.reports_due) if self.reports_due else None

    @property
    def on_plan_percent(self):
        return percent(self.items_on_plan, self.items) if self.items else None

    @property
    def is_assessed(self):
        """A unit that owns nothing and received no 督办 has nothing to be scored on."""
        return bool(self.items or self.things or self.supervisions)

    def scored(self, rules):
        report_points = _share_points(rules.weight_reports, self.reports_on_time, self.reports_due)
        plan_points = _share_points(rules.weight_on_plan, self.items_on_plan, self.items)
        penalty = (
            rules.penalty_yellow * self.yellow
            + rules.penalty_red * self.red
            + rules.penalty_late_answer * self.late_answers
            + rules.penalty_late_closed * self.closed_late
        ).quantize(CENT)
        score = max(Decimal("0.00"), report_points + plan_points - penalty)
        return replace(
            self,
            report_points=report_points,
            plan_points=plan_points,
            penalty_points=penalty,
            score=score.quantize(CENT),
        )


@dataclass(frozen=True)
class Assessment:
    campaign: object
    as_of: object
    week: int  # the report week in force: items on plan are judged in it
    weeks_due: int  # report weeks that had ended by as_of: their reports were due
    rows: list  # DepartmentScore of every assessed unit, best first
    # {item model: {unit pk: {items, planned, due_cents, red, yellow, on_plan}}}, read once for
    # the score and handed on to the department pages, which show the same figures
    tracked: dict

    @property
    def rule(self):
        return rule_text(self.campaign)

    def of(self, department):
        """The unit's score, or None when it has nothing to be scored on."""
        pk = getattr(department, "pk", department)
        return next((row for row in self.rows if row.department.pk == pk), None)

    def by_department(self):
        return {row.department.pk: row for row in self.rows}


def _add(counts, department_id, **figures):
    if department_id is None:
        return
    row = counts.setdefault(department_id, {})
    for name, value in figures.items():
        row[name] = row.get(name, 0) + value


def _tracked_counts(counts, campaign, weeks_due, as_of):
    """Items, items on plan and reports handed in for the due weeks, per unit: two grouped
    queries per kind of tracked item. Returns the lag figures by kind (Assessment.tracked)."""
    tracked = {}
    for items, _leader_field in tracked_items(campaign):
        kind = TRACKED_KINDS.of_model(items.model)
        tracked[items.model] = unit_sums(kind, campaign, as_of)
        for department_id, group in tracked[items.model].items():
            _add(
                counts,
                department_id,
                items=group["items"],
                items_on_plan=group["on_plan"],
                reports_due=group["items"] * weeks_due,
            )
        if weeks_due < 1:
            continue
        item_field = kind.item_field
        department = f"{item_field}__{kind.owner_field}"
        # one report per item and week (a constraint): counting reports counts weeks reported
        handed_in = (
            kind.report_model.objects.handed_in()
            .filter(
                **{f"{item_field}__in": items.order_by().values("pk")},
                report_week__gte=1,
                report_week__lte=weeks_due,
            )
            .order_by()
            .values(department)
            .annotate(n=Count("pk"))
        )
        for group in handed_in:
            _add(counts, group[department], reports_on_time=group["n"])
    return tracked


def _supervision_counts(counts, campaign, as_of):
    red = Q(escalated_on__lte=as_of)
    grouped = (
        Supervision.objects.filter(campaign=campaign, opened_on__lte=as_of)
        .order_by()
        .values("department")
        .annotate(
            yellow=Count("pk", filter=~red),
            red=Count("pk", filter=red),
            late=Count("pk", filter=late_answer_condition(as_of)),
        )
    )
    for group in grouped:
        _add(
            counts,
            group["department"],
            yellow=group["yellow"],
            red=group["red"],
            late_answers=group["late"],
        )


def owned_things(campaign, as_of):
    """(queryset, unit field, "late" condition) of each registered kind of thing with a
    deadline a unit owns (core.registry.COMPLETABLE_KINDS): late when its deadline passed
    before `as_of` and it was not closed by the end of its due date (each kind's queryset says
    what closed means: done, or for a problem resolved, `closed_late_condition`)."""
    return [
        (
            *kind.model.objects.of_campaign(campaign, as_of).closed_late_by_due(as_of),
            kind.owner_field,
        )
        for kind in COMPLETABLE_KINDS.values()
    ]


def _thing_counts(counts, campaign, as_of):
    for queryset, late, field in owned_things(campaign, as_of):
        grouped = (
            queryset.order_by()
            .values(field)
            .annotate(
                n=Count("pk"),
                due=Count("pk", filter=Q(due_date__lt=as_of)),
                late=Count("pk", filter=late),
            )
        )
        for group in grouped:
            _add(
                counts,
                group[field],
                things=group["n"],
                things_due=group["due"],
                closed_late=group["late"],
            )


def rank(rows):
    """Best score first; equal scores share the rank (1, 1, 3), then the units' own order."""
    ordered = sorted(rows, key=lambda row: -row.score)
    ranked = []
    for position, row in enumerate(ordered, start=1):
        same = ranked and ranked[-1].score == row.score
        ranked.append(replace(row, rank=ranked[-1].rank if same else position))
    return ranked


def assess(campaign, as_of):
    """The Assessment of every active unit with something to be scored on, at the end of
    `as_of`."""
    rules = CampaignRules.of(campaign)
    week = report_week_as_of(campaign, as_of)
    weeks_due = last_complete_week(campaign, as_of)
    counts = {}
    tracked = _tracked_counts(counts, campaign, weeks_due, as_of)
    _supervision_counts(counts, campaign, as_of)
    _thing_counts(counts, campaign, as_of)
    rows = [
        DepartmentScore(department=department, **counts.get(department.pk, {})).scored(rules)
        for department in Department.objects.filter(is_active=True)
    ]
    return Assessment(
        campaign=campaign,
        as_of=as_of,
        week=week,
        weeks_due=weeks_due,
        rows=rank([row for row in rows if row.is_assessed]),
        tracked=tracked,
    )
