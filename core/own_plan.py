"""计划完成率: how much of its 100-day planned investment an item was due to have completed by the
end of a report week, by its own 进度计划. An item's schedule is kept in versions with their
week rows (where the app that keeps them registered them: core.registry), each in effect
from its time until the next one replaced it; the lag as of a day is judged against the
version in effect at the end of that day (the current one when no day is given). An item
whose version in effect has weeks is due the sum of its weeks so far; an item without (no
version yet, or one cleared back to the default) follows the linear default over its own
window — from the later of the campaign start and its planned start to the earlier of the
campaign end and its planned finish — so it is never due anything before it begins.

Worked in whole cents (integers) in Python and in SQL alike, so both give the same figure:
the linear amount is rounded half up to the cent by integer division."""

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Least, Round
from django.db.models.lookups import Exact
from django.utils import timezone

from core.choices import LagStatus, ReportProgress
from core.expressions import CompiledOnce, DayNumber, Let, LetRef
from core.lag import lag_against_due, lag_against_due_sql
from core.money import percent
from core.registry import SCHEDULE_TABLES, TRACKED_KINDS

EPOCH = datetime.date(1970, 1, 1)


def day_number(day):
    return (day - EPOCH).days


def cents(amount):
    return int((Decimal(amount or 0) * 100).to_integral_value())


def sql_cents(expression):
    return Cast(Round(expression * Value(100)), BigIntegerField())


def due_date_of_week(campaign, week):
    """The day a report week's plan is due by: its last day, within the campaign."""
    return min(campaign.week_end(week), campaign.end_date)


def window(campaign, planned_start=None, planned_finish=None):
    """(first, last) day of an item's own window inside the campaign, as day numbers."""
    first_campaign, last_campaign = day_number(campaign.start_date), day_number(campaign.end_date)
    first = first_campaign if planned_start is None else day_number(planned_start)
    first = min(max(first, first_campaign), last_campaign)
    last = last_campaign if planned_finish is None else day_number(planned_finish)
    last = min(max(last, first), last_campaign)
    return first, last


def linear_cents(planned_cents, first, last, due_day):
    """Cents due by `due_day` when `planned_cents` spread evenly over the days first..last."""
    length = last - first + 1
    elapsed = min(max(due_day - first + 1, 0), length)
    return (planned_cents * elapsed * 2 + length) // (2 * length)


def schedule_cutoff(as_of):
    """The moment deciding which version is in effect "as of" a day: the end of that day in the
    portal's time zone (a version written during the day counts), None for the current one."""
    if as_of is None:
        return None
    next_day = as_of + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time(), timezone.get_current_timezone())


def in_effect(cutoff, prefix=""):
    """The Q of the schedule versions in effect at `cutoff` (the current ones for None): begun
    before it and not replaced by then. Versions of an item follow each other without gaps or
    overlaps (supervision.schedules.services), so at most one of them matches."""
    current = Q(**{f"{prefix}superseded_at__isnull": True})
    if cutoff is None:
        return current
    return Q(**{f"{prefix}effective_from__lt": cutoff}) & (
        current | Q(**{f"{prefix}superseded_at__gte": cutoff})
    )


def _schedule_relations(model):
    """(the version's item field, the week model, the week's version field) of `model`, as
    the apps registered them (core.registry: the tracked kind's `item_field`, and where the
    进度计划 is kept)."""
    tables = SCHEDULE_TABLES.get()
    return TRACKED_KINDS.of_model(model).item_field, tables.week_model, tables.version_field


def weeks_in_effect(model, as_of=None):
    """The week rows of the versions of items of `model` in effect at the end of `as_of`; both
    twins read through it, so they read the same rows."""
    _item_field, week_model, version_field = _schedule_relations(model)
    return week_model.objects.filter(in_effect(schedule_cutoff(as_of), prefix=f"{version_field}__"))


def plan_weeks_of(item, as_of=None):
    """{week: 万元} of the schedule of `item` in effect at the end of `as_of` ({} when it
    follows the linear default). One query."""
    item_field, _week_model, version_field = _schedule_relations(type(item))
    rows = weeks_in_effect(type(item), as_of).filter(**{f"{version_field}__{item_field}": item})
    return dict(rows.values_list("week", "planned_wan"))


def planned_to_date_cents(item, campaign, week, plan_weeks=None, as_of=None):
    """The Python twin of planned_to_date_cents_sql for one item. `plan_weeks` is
    {week: amount} of its schedule in effect (read as of `as_of` when not given)."""
    if week < 1:
        return 0
    if plan_weeks is None:
        plan_weeks = plan_weeks_of(item, as_of)
    if plan_weeks:
        return sum(cents(amount) for number, amount in plan_weeks.items() if number <= week)
    first, last = window(
        campaign, getattr(item, "planned_start", None), getattr(item, "planned_finish", None)
    )
    due_day = day_number(due_date_of_week(campaign, week))
    return linear_cents(cents(item.planned_investment_wan), first, last, due_day)


def planned_curve_cents(items, campaign, last_week, as_of=None):
    """{week: cents} for weeks 1..`last_week`: what all of `items` together were due by the
    end of each week, by the schedules in effect at the end of `as_of` — the sum over the items
    of planned_to_date_cents, read in two queries whatever the number of items and weeks: the
    written weeks summed per week, and the window of each item following the linear default
    (grouped, since equal windows and plans are due equal amounts)."""
    if last_week < 1:
        return {}
    item_field, _week_model, version_field = _schedule_relations(items.model)
    in_effect_weeks = weeks_in_effect(items.model, as_of).filter(
        **{f"{version_field}__{item_field}__in": items.order_by().values("pk")}
    )
    written = dict(
        in_effect_weeks.filter(week__lte=last_week)
        .order_by()
        .values_list("week")
        .annotate(total=Sum("planned_wan"))
    )
    start_field, finish_field = getattr(items.model, "schedule_window_fields", (None, None))
    window_fields = [name for name in (start_field, finish_field) if name]
    linear_items = (
        items.exclude(pk__in=in_effect_weeks.values(f"{version_field}__{item_field}"))
        .order_by()
        .values_list("planned_investment_wan", *window_fields)
        .annotate(n=Count("pk"))
    )
    windows = []
    for planned, *dates, n in linear_items:
        known = dict(zip(window_fields, dates, strict=True))
        own_window = window(campaign, known.get(start_field), known.get(finish_field))
        windows.append((cents(planned), own_window, n))
    curve, written_so_far = {}, 0
    for number in range(1, last_week + 1):
        written_so_far += cents(written.get(number, 0))
        due_day = day_number(due_date_of_week(campaign, number))
        linear = sum(
            linear_cents(planned, first, last, due_day) * n for planned, (first, last), n in windows
        )
        curve[number] = written_so_far + linear
    return curve


def _clamped_day(field, fallback, low, high):
    day = Value(fallback) if field is None else Coalesce(DayNumber(F(field)), Value(fallback))
    return Least(Greatest(day, low), high)


def _written_cents_sql(model, week, as_of):
    """Cents written in the schedule in effect through `week`, or NULL for an item whose
    version in effect has no weeks (it follows the linear default): one subquery, summing
    only the weeks up to `week` of all the weeks of the version."""
    item_field, _week_model, version_field = _schedule_relations(model)
    written = _sums_through_weeks(
        weeks_in_effect(model, as_of),
        f"{version_field}__{item_field}",
        "week",
        "planned_wan",
        [week],
        "to",
    )
    money = models.DecimalField(max_digits=14, decimal_places=2)
    return sql_cents(Subquery(written, output_field=money))


def _linear_cents_sql(model, campaign, week):
    """linear_cents over the item's own window, as an SQL expression per row."""
    first_campaign = Value(day_number(campaign.start_date))
    last_campaign = Value(day_number(campaign.end_date))
    start_field, finish_field = getattr(model, "schedule_window_fields", (None, None))
    first = _clamped_day(
        start_field, day_number(campaign.start_date), first_campaign, last_campaign
    )
    last = _clamped_day(finish_field, day_number(campaign.end_date), first, last_campaign)
    length = last - first + Value(1)
    due_day = Value(day_number(due_date_of_week(campaign, week)))
    elapsed = Least(Greatest(due_day - first + Value(1), Value(0)), length)
    return (sql_cents(F("planned_investment_wan")) * elapsed * Value(2) + length) / (
        Value(2) * length
    )


def planned_to_date_cents_sql(model, campaign, week, as_of=None):
    """The cents an item of `model` was due by the end of `week` by its schedule in effect at
    the end of `as_of`, as an SQL expression per row: its written weeks so far when the
    version in effect has weeks, else the linear default. Compiled once per place
    (core.expressions.CompiledOnce)."""
    return _compiled_once(_planned_to_date_tree, BigIntegerField(), model, campaign, week, as_of)


def _planned_to_date_tree(model, campaign, week, as_of):
    return _due_cents_sql(model, campaign, week, lambda: _written_cents_sql(model, week, as_of))


def _due_cents_sql(model, campaign, week, written_cents):
    """The cents due by the end of `week`: nothing before the first week, else the written
    plan's cents (`written_cents()`, NULL for an item without written weeks) or the linear
    default — planned_to_date_cents in SQL, over whichever read of the written plan the caller
    has."""
    if week < 1:
        return Value(0, output_field=BigIntegerField())
    return Coalesce(
        written_cents(), _linear_cents_sql(model, campaign, week), output_field=BigIntegerField()
    )


def _compiled_once(build, output_field, model, campaign, *args):
    """`build(model, campaign, *args)` as a CompiledOnce, keyed on every input its SQL reads:
    of the campaign only its dates and its report weeks' last weekday (core.models.Campaign
    .week_end), so one SQL serves every campaign with the same window."""
    key = (
        build.__name__,
        model._meta.label,
        campaign.start_date,
        campaign.end_date,
        campaign.report_week_end_weekday,
        *args,
    )
    return CompiledOnce(key, build, (model, campaign, *args), output_field)


def _sums_through_weeks(rows, item_of_row, week_field, amount_field, weeks, prefix, extra=None):
    """One row per item of `rows` (correlated on OuterRef("pk")): for each week n of `weeks`,
    `<prefix>_<n>` = the sum of `amount_field` over its rows of week n or before, and the
    `extra` aggregates over the same rows."""
    money = models.DecimalField(max_digits=14, decimal_places=2)
    sums = {
        f"{prefix}_{number}": Sum(
            Case(
                When(**{f"{week_field}__lte": number}, then=F(amount_field)),
                default=Value(0, money),
                output_field=money,
            )
        )
        for number in weeks
    }
    sums.update(extra or {})
    return (
        rows.filter(**{item_of_row: OuterRef("pk")})
        .order_by()
        .values(item_of_row)
        .annotate(**sums)
        .values(*sums)
    )


def _colours_by_week(model, campaign, weeks, points, as_of, done_extra=None):
    """{week: its colour} for each of `weeks`, as SQL over the two tables of a Let: `done`,
    each week's counted investment to date (and the `done_extra` aggregates over the same
    reports), and `plan`, each week's written plan to date (no row for an item following the
    linear default), each read in one pass per item."""
    relation = model._meta.get_field("reports")
    reports = relation.related_model.objects.counted().filter(report_week__lte=max(weeks))
    item_field, _week_model, version_field = _schedule_relations(model)
    tables = {
        "done": _sums_through_weeks(
            reports,
            relation.field.name,
            "report_week",
            "week_investment_wan",
            weeks,
            "to",
            done_extra,
        ),
        "plan": _sums_through_weeks(
            weeks_in_effect(model, as_of),
            f"{version_field}__{item_field}",
            "week",
            "planned_wan",
            weeks,
            "to",
        ),
    }
    money = models.DecimalField(max_digits=14, decimal_places=2)
    colours = {}
    for number in weeks:
        completed = LetRef("done", f"to_{number}", money)
        written = LetRef("plan", f"to_{number}", money)
        colours[number] = lag_against_due_sql(
            sql_cents(Coalesce(completed, Value(0, money))),
            sql_cents(F("planned_investment_wan")),
            _due_cents_sql(model, campaign, number, lambda written=written: sql_cents(written)),
            points,
        )
    return colours, tables


def colour_of_week_sql(model, campaign, week, rules, as_of=None):
    """The colour of `week` alone (without the consecutive-yellow rule), by the schedule in
    effect at the end of `as_of`, as an SQL expression per row."""
    return _compiled_once(
        _colour_of_week_tree, models.CharField(), model, campaign, week, rules.yellow_points, as_of
    )


def _colour_of_week_tree(model, campaign, week, yellow_points, as_of):
    colours, tables = _colours_by_week(model, campaign, [week], yellow_points, as_of)
    return Let(colours[week], models.CharField(), **tables)


def own_plan_lag_annotations(model, campaign, week, rules, as_of=None):
    """Annotations giving `due_cents` (planned to date, whole cents) and `lag`: the week's
    colour, red also when the item has been yellow for rules.yellow_weeks_to_red report weeks
    in a row. Every week is judged against the one schedule in effect at the end of `as_of`,
    as the item page draws it. The weeks' completed and planned amounts come out of one pass
    over the item's reports and one over its plan weeks (core.expressions.Let), however often
    the rule compares them; each is compiled once per place (core.expressions.CompiledOnce)."""
    lag = _text_by_rules(_lag_tree, model, campaign, week, rules, as_of)
    return {"due_cents": planned_to_date_cents_sql(model, campaign, week, as_of), "lag": lag}


def _text_by_rules(build, model, campaign, week, rules, as_of):
    """A text-valued tree of the lag rule's builders (their arguments: the week, the rules'
    two thresholds and the day), compiled once per place."""
    return _compiled_once(
        build,
        models.CharField(),
        model,
        campaign,
        week,
        rules.yellow_points,
        rules.yellow_weeks_to_red,
        as_of,
    )


def _lag_tree(model, campaign, week, yellow_points, yellow_weeks_to_red, as_of):
    final, tables = _lag_over_tables(
        model, campaign, week, yellow_points, yellow_weeks_to_red, as_of
    )
    return Let(final, models.CharField(), **tables)


def _lag_over_tables(
    model, campaign, week, yellow_points, yellow_weeks_to_red, as_of, done_extra=None
):
    """(the lag colour as SQL over the Let's tables, those tables): _colours_by_week over the
    weeks the consecutive-yellow rule looks at."""
    weeks = [week - back for back in range(yellow_weeks_to_red)]
    # before that many report weeks have passed, the week's colour alone decides
    consecutive = all(number >= 1 for number in weeks)
    if not consecutive:
        weeks = [week]
    colours, tables = _colours_by_week(model, campaign, weeks, yellow_points, as_of, done_extra)
    final = colours[week]
    if consecutive:
        yellow = Value(LagStatus.YELLOW.value)
        run = Q(*(Exact(colours[number], yellow) for number in weeks))
        final = Case(When(run, then=Value(LagStatus.RED.value)), default=final)
    return final, tables


# standing_sql's latest report, packed as week × LATEST_WEEK + percent in hundredths (at most
# 10000, the reports' check constraint), so one MAX over the reports gives both
LATEST_WEEK = 100000
DONE_HUNDREDTHS = 10000
STANDING_SEPARATOR = "|"


def standing_sql(model, campaign, week, rules, as_of=None):
    """Where an item of `model` stands as of `week`, by the schedule in effect at the end of
    `as_of`, as one text per row read in one pass over its reports and one over its plan
    (unpack_standing reads it): its lag (own_plan_lag_annotations), its planned to date in
    cents (planned_to_date_cents_sql), its counted investment to date in cents, and its latest
    counted report up to the week. The lag's own two derived tables hold every one of these,
    so the leaders' standings (TrackedItemQuerySet.standings) cost one probe of the item's
    reports and plan instead of five."""
    return _text_by_rules(_standing_tree, model, campaign, week, rules, as_of)


def _standing_tree(model, campaign, week, yellow_points, yellow_weeks_to_red, as_of):
    latest = Max(F("report_week") * Value(LATEST_WEEK) + sql_cents(F("percent_complete")))
    lag, tables = _lag_over_tables(
        model, campaign, week, yellow_points, yellow_weeks_to_red, as_of, {"latest": latest}
    )
    money = models.DecimalField(max_digits=14, decimal_places=2)
    due = _due_cents_sql(
        model, campaign, week, lambda: sql_cents(LetRef("plan", f"to_{week}", money))
    )
    completed = sql_cents(Coalesce(LetRef("done", f"to_{week}", money), Value(0, money)))
    separator = Value(STANDING_SEPARATOR)
    packed = Concat(
        lag,
        separator,
        due,
        separator,
        completed,
        separator,
        LetRef("done", "latest", BigIntegerField()),
        output_field=models.CharField(),
    )
    return Let(packed, models.CharField(), **tables)


def unpack_standing(text):
    """(lag, planned to date in cents, counted investment to date in 万元, ReportProgress
    value) from standing_sql's text."""
    lag, due, completed, latest = text.split(STANDING_SEPARATOR)
    if not latest:
        progress = ReportProgress.NOT_STARTED
    elif int(latest) % LATEST_WEEK >= DONE_HUNDREDTHS:
        progress = ReportProgress.DONE
    else:
        progress = ReportProgress.UNDER_WAY
    return lag, int(due), Decimal(int(completed)).scaleb(-2), progress.value


def own_plan_lag(item, campaign, week, rules, as_of=None, plan_weeks=None):
    """The Python twin for one item: (LagStatus, 计划完成率 %, planned to date 万元) by its
    schedule in effect at the end of `as_of` (`plan_weeks`, plan_weeks_of, when read already)."""
    if week < 1:
        return LagStatus.ON_TRACK, percent(0, item.planned_investment_wan), Decimal("0.00")
    if plan_weeks is None:
        plan_weeks = plan_weeks_of(item, as_of)
    weekly = dict(
        item.reports.counted()
        .filter(report_week__lte=week)
        .values_list("report_week", "week_investment_wan")
    )

    def colour(number):
        completed = sum((amount for w, amount in weekly.items() if w <= number), Decimal(0))
        due = Decimal(planned_to_date_cents(item, campaign, number, plan_weeks)) / 100
        return lag_against_due(completed, item.planned_investment_wan, due, rules.yellow_points)

    status = colour(week)
    earlier = [week - back for back in range(1, rules.yellow_weeks_to_red)]
    if (
        status == LagStatus.YELLOW
        and all(number >= 1 for number in earlier)
        and all(colour(number) == LagStatus.YELLOW for number in earlier)
    ):
        status = LagStatus.RED
    due = Decimal(planned_to_date_cents(item, campaign, week, plan_weeks)) / 100
    return status, percent(due, item.planned_investment_wan), due.quantize(Decimal("0.01"))
