"""Reads of the campaign itself: which campaign a request means, its report week and phase on
a day, and the per-app-server cache keyed by the data generation."""

import contextvars
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.validators import slug_re
from redis.exceptions import RedisError

from .choices import LagStatus
from .generation import current_generation
from .lag import LAGGING
from .models import Campaign
from .money import ZERO

SLUG_MAX_LENGTH = Campaign._meta.get_field("slug").max_length
# a shared cache (settings.CACHE_URL) that does not answer: the page is computed instead
CACHE_ERRORS = (RedisError, OSError)
# how long requests wait for the one computing a cached value, and how often they look
COMPUTING_SECONDS = 10
LOOK_AGAIN_SECONDS = 0.05
logger = logging.getLogger(__name__)
# the values one page read (a GET) has computed without the cache (read_once)
_READ_VALUES = contextvars.ContextVar("baidays_read_values", default=None)


def resolve_campaign(slug=None, today=None):
    """The campaign a request names by its slug, or the current one when it names none. A value
    that cannot be a slug (PostgreSQL refuses a NUL byte in a query outright) names no campaign."""
    if slug:
        if len(slug) > SLUG_MAX_LENGTH or not slug_re.match(slug):
            return None
        return Campaign.objects.filter(slug=slug).first()
    return Campaign.objects.current(today)


def report_week_as_of(campaign, as_of):
    """The report week in force on `as_of`; 0 before the campaign starts."""
    if as_of < campaign.start_date:
        return 0
    return campaign.week_of(min(as_of, campaign.end_date))


def current_phase(campaign, as_of):
    return campaign.phases.filter(start_date__lte=as_of, end_date__gte=as_of).first()


def cacheable_generation(campaign):
    """The campaign's data generation to key cached values by, as text ("shared.own"), or None
    when nothing may be cached (caching switched off, or the counter's row missing after a
    flush)."""
    if settings.SUMMARY_CACHE_SECONDS <= 0:
        return None
    generation = current_generation(campaign.pk)
    return None if generation is None else ".".join(map(str, generation))


def cached_by_generation(name, campaign, as_of, compute, *, generation=...):
    """`compute()`, kept in the cache (settings.CACHE_URL) while the campaign's data generation
    has not moved (core/generation.py). The generation is read before computing, so a write
    that commits meanwhile only makes this entry unreachable, never stale. A caller that has
    just read it (cacheable_generation()) passes it on, so one request reads the counters once.

    One computation per entry: the first request to miss it computes, and the requests that
    miss it meanwhile wait for that value (up to COMPUTING_SECONDS) instead of each computing
    it again — after a write, every leader's next page is the same miss."""
    if generation is ...:
        generation = cacheable_generation(campaign)
    if generation is None:
        return _once_per_read(f"{name}:{campaign.pk}:{as_of.isoformat()}", compute)
    key = f"baidays:{name}:{campaign.pk}:{as_of.isoformat()}:{generation}"
    mark = f"{key}:computing"
    try:
        value = cache.get(key)
        if value is None and not cache.add(mark, 1, COMPUTING_SECONDS):
            value = _computed_meanwhile(key, mark)
    except CACHE_ERRORS:
        logger.warning("缓存服务器无应答，本次直接计算 %s", name, exc_info=True)
        return compute()
    if value is None:
        try:
            value = compute()
            cache.set(key, value, settings.SUMMARY_CACHE_SECONDS)
        except CACHE_ERRORS:
            logger.warning("缓存服务器无应答，%s 未缓存", name, exc_info=True)
        finally:
            _forget(mark)  # also when computing failed: the waiting requests compute it
    return value


def standings(kind, campaign, as_of):
    """[Standing] of the campaign's active items of a tracked `kind` as of the end of `as_of`
    (TrackedItemQuerySet.standings, with their unit and the kind's own `group_fields`), cached
    by generation: the summary's blocks, the status breakdown, the unit list, the 考核, the
    lagging list and every top ten are read from them, so after a write each item's colour is
    worked out once for all of these pages instead of once per page and figure."""
    week = report_week_as_of(campaign, as_of)
    fields = ("responsible_department", *kind.group_fields)
    return cached_by_generation(
        f"standings:{kind.key}",
        campaign,
        as_of,
        lambda: kind.items(campaign).standings(week, campaign, as_of, fields=fields),
    )


def standing_groups(kind, campaign, as_of):
    """The standings summed by unit, the kind's `group_fields`, colour and progress: dicts of
    those fields, `lag`, `progress`, and the group's count `n`, `planned` and `due_cents`."""
    groups = {}
    for item in standings(kind, campaign, as_of):
        key = (*item.fields.values(), item.lag, item.progress)
        group = groups.setdefault(
            key,
            {
                **item.fields,
                "lag": item.lag,
                "progress": item.progress,
                "n": 0,
                "planned": ZERO,
                "due_cents": 0,
            },
        )
        group["n"] += 1
        group["planned"] += item.planned
        group["due_cents"] += item.due_cents
    return list(groups.values())


def no_unit_sums():
    """The sums of a unit of no items (unit_sums), to add a unit's kinds into."""
    return {
        "items": 0,
        "planned": ZERO,
        "due_cents": 0,
        "completed": ZERO,
        "red": 0,
        "yellow": 0,
        "on_plan": 0,
    }


def unit_sums(kind, campaign, as_of):
    """{unit pk: {items, planned, due_cents, completed, red, yellow, on_plan}}: the standings
    of a tracked `kind` summed by unit, as the 考核, the unit list, a unit's page and the unit
    ranking show them."""
    colour_counts = {
        LagStatus.RED.value: "red",
        LagStatus.YELLOW.value: "yellow",
        LagStatus.ON_TRACK.value: "on_plan",
    }
    units = {}
    for item in standings(kind, campaign, as_of):
        unit = item.fields["responsible_department"]
        sums = units.setdefault(unit, no_unit_sums())
        sums["items"] += 1
        sums["planned"] += item.planned
        sums["due_cents"] += item.due_cents
        sums["completed"] += item.completed
        sums[colour_counts[item.lag]] += 1
    return units


def lagging_ranks(kind, campaign, as_of):
    """[(pk, unit pk)] of the lagging items (core.lag.LAGGING) of a tracked `kind`, furthest
    behind their own plan first (Standing.behind_order, then pk): the order of the lagging
    list and of every top ten."""
    lagging = [item for item in standings(kind, campaign, as_of) if item.lag in LAGGING]
    lagging.sort(key=lambda item: (item.behind_order, item.pk))
    return [(item.pk, item.fields["responsible_department"]) for item in lagging]


@contextmanager
def read_once():
    """Within it, a value cached_by_generation cannot cache (caching switched off, or the
    counter's row missing) is computed once and handed to every later reader: a page read
    (core.middleware.ReadOnceMiddleware, GET and HEAD only, which write no figures) computes
    the standings its blocks, lists and rankings share once, cache or no cache."""
    token = _READ_VALUES.set({})
    try:
        yield
    finally:
        _READ_VALUES.reset(token)


def _once_per_read(key, compute):
    values = _READ_VALUES.get()
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def _forget(mark):
    try:
        cache.delete(mark)
    except CACHE_ERRORS:
        logger.warning("缓存服务器无应答，计算标记将自行过期", exc_info=True)


def _computed_meanwhile(key, mark):
    """The value another request is computing for `key`, once it is there; None when that
    request gave up (its mark gone, or the time it had is over): then this one computes."""
    deadline = time.monotonic() + COMPUTING_SECONDS
    while time.monotonic() < deadline:
        pause_before_looking_again()
        value = cache.get(key)
        if value is not None:
            return value
        if cache.get(mark) is None:
            # the value is stored before the mark goes: it may have come just after the first
            # look, and it is not there only if the other request failed
            return cache.get(key)
    return None


def pause_before_looking_again():
    time.sleep(LOOK_AGAIN_SECONDS)
