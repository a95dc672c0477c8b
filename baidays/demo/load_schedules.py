"""`generate_load --schedules`: a 进度计划 for every generated item — its 100-day plan spread
over every week of its campaign in one of a few shapes (even, front-loaded, back-loaded, late
start) — and, in a running campaign, a few items that stopped reporting two weeks ago. Against
the generated reports (which follow the time line at each item's pace) some items are then on
plan, some yellow, some red and some silent, so `supervise` has every kind of work to do.

Rows are written with bulk_create in batches, without per-row full_clean (a generated
schedule has no edits): one version per item, in effect from the first moment of its campaign,
so the lag as of any day of the campaign is judged by it; each schedule passes the service's
own check first."""

import datetime
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from baidays.demo.load_pool import BATCH
from enterprises.models import EntryReport
from projects.models import ProjectReport
from supervision.schedules.choices import ScheduleSource
from supervision.schedules.models import PlanWeek, ScheduleVersion
from supervision.schedules.services import check_weeks

# weight of week `week` of `weeks`; every weight is positive, so every week has a plan
SHAPES = [
    lambda week, weeks: 1,  # even
    lambda week, weeks: weeks - week + 1,  # front-loaded
    lambda week, weeks: week,  # back-loaded
    lambda week, weeks: 1 if week <= weeks // 4 else 4,  # late start
]
CENT = Decimal("0.01")
SILENT_EVERY = 40  # one item in forty of a running campaign missed its last two reports


def spread(planned, weights):
    """{week: Decimal 万元} of `planned` spread over the weeks 1..len(weights) in proportion to
    `weights`, in whole cents that add up to `planned` exactly (cumulative rounding)."""
    total_cents = int(planned * 100)
    whole = sum(weights)
    weeks, before, running = {}, 0, 0
    for week, weight in enumerate(weights, start=1):
        running += weight
        upto = (total_cents * running * 2 + whole) // (2 * whole)
        weeks[week] = (Decimal(upto - before) / 100).quantize(CENT)
        before = upto
    return weeks


def plan_week_rows(version, weeks):
    """The stored rows of one version's weeks — the one place the load knows how PlanWeek
    keeps a week (as replace_schedule does: zero weeks are not stored)."""
    return [
        PlanWeek(version=version, week=week, planned_wan=amount)
        for week, amount in sorted(weeks.items())
        if amount > 0
    ]


def _write(pending):
    """Store the (version, weeks) pairs of `pending`; returns the number of weeks written."""
    versions = ScheduleVersion.objects.bulk_create(
        [version for version, _weeks in pending], batch_size=BATCH
    )
    rows = [
        row
        for version, (_v, weeks) in zip(versions, pending, strict=True)
        for row in plan_week_rows(version, weeks)
    ]
    return len(PlanWeek.objects.bulk_create(rows, batch_size=BATCH))


def write_schedules(campaign, items):
    """Give every item of `items` (projects and entries of `campaign`) a schedule over all
    the campaign's weeks, the shapes taken in turn; returns the number of weeks written."""
    weeks_total = campaign.weeks_total
    shapes = [[shape(week, weeks_total) for week in range(1, weeks_total + 1)] for shape in SHAPES]
    in_effect_from = timezone.make_aware(
        datetime.datetime.combine(campaign.start_date, datetime.time())
    )
    pending, written = [], 0
    for index, item in enumerate(items):
        weeks = spread(item.planned_investment_wan, shapes[index % len(shapes)])
        problems = check_weeks(item, weeks)
        if problems:
            raise ImproperlyConfigured(f"{item}: {'；'.join(problems)}")
        version = ScheduleVersion(
            **ScheduleVersion.item_kwargs(item),
            effective_from=in_effect_from,
            source=ScheduleSource.IMPORT,
            note="生成的负载数据",
        )
        pending.append((version, weeks))
        if len(pending) >= BATCH:
            written += _write(pending)
            pending = []
    return written + _write(pending)


def silence(load, projects, entries):
    """In a running campaign, every SILENT_EVERY-th item has no report from two weeks before
    the open week on, so its last two complete report weeks are both missing; returns (items
    silenced, reports removed)."""
    if not load.campaign.contains(load.today) or load.open_week < 4:
        return 0, 0
    first_missing = load.open_week - 2
    silent = removed = 0
    for model, field, items in (
        (ProjectReport, "project_id", projects),
        (EntryReport, "entry_id", entries),
    ):
        chosen = [item.pk for item in items[SILENT_EVERY // 2 :: SILENT_EVERY]]
        reports = model.objects.filter(
            **{f"{field}__in": chosen, "report_week__gte": first_missing}
        )
        removed += reports.delete()[1].get(model._meta.label, 0)
        silent += len(chosen)
    return silent, removed
