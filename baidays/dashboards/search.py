"""Find a project, a 争先杯 entry, a key enterprise, a problem or a unit by part of its name, among
what the reader may see (`core.access.visible_to`, the same rule as every list and item page).
Five queries whatever is found; each kind shows at most `SEARCH_LIMIT` hits and says when there
are more."""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from core.access import visible_departments, visible_to
from core.registry import TRACKED_KINDS
from enterprises.models import KeyEnterprise, Problem

SEARCH_LIMIT = 20
QUERY_MAX_CHARS = 50


class SearchTextError(ValueError):
    """The typed text cannot be searched; the message says why, in Chinese."""


@dataclass(frozen=True)
class Hit:
    label: str
    detail: str
    url: str


@dataclass(frozen=True)
class HitGroup:
    kind: str
    title: str
    hits: list
    more: bool


def clean_search_text(raw):
    """The text to look for: spaces at the ends dropped, at most QUERY_MAX_CHARS characters."""
    text = " ".join((raw or "").split())
    if len(text) > QUERY_MAX_CHARS:
        raise SearchTextError(
            f"搜索内容最多 {QUERY_MAX_CHARS} 个字，您输入了 {len(text)} 个字，请只输入名称的一部分"
        )
    return text


def _scoped(url, scope_qs):
    return f"{url}?{scope_qs}" if scope_qs else url


def _limited(queryset):
    rows = list(queryset[: SEARCH_LIMIT + 1])
    return rows[:SEARCH_LIMIT], len(rows) > SEARCH_LIMIT


def _tracked(kind, user, campaign, text, scope_qs):
    """The items of a registered tracked kind (core.registry.TRACKED_KINDS) whose searched
    fields contain `text`."""
    match = Q()
    for name in kind.search_fields:
        match |= Q(**{f"{name}__icontains": text})
    queryset = visible_to(kind.items(campaign), user).filter(match).order_by(*kind.search_order)
    rows, more = _limited(queryset)
    hits = [
        Hit(*item.search_hit_text(), _scoped(reverse(kind.urls.detail, args=[item.pk]), scope_qs))
        for item in rows
    ]
    return HitGroup(kind.key, kind.search_title, hits, more)


def _key_enterprises(user, campaign, text, scope_qs):
    queryset = (
        visible_to(KeyEnterprise.objects.active().filter(campaign=campaign), user)
        .filter(enterprise__name__icontains=text)
        .select_related("enterprise", "responsible_department")
        .order_by("enterprise__name", "pk")
    )
    rows, more = _limited(queryset)
    hits = [
        Hit(
            key.enterprise.name,
            f"{key.get_category_display()} · {key.responsible_department}",
            _scoped(reverse("enterprises:key-detail", args=[key.pk]), scope_qs),
        )
        for key in rows
    ]
    return HitGroup("key", "“2112”重点企业（附件4）", hits, more)


def _problems(user, campaign, text, scope_qs):
    queryset = (
        visible_to(Problem.objects.active().filter(campaign=campaign), user)
        .filter(Q(title__icontains=text) | Q(enterprise__name__icontains=text))
        .select_related("enterprise", "responsible_department")
        .order_by("-raised_on", "pk")
    )
    rows, more = _limited(queryset)
    hits = [
        Hit(
            problem.title,
            " · ".join(
                str(part) for part in (problem.enterprise, problem.get_status_display()) if part
            ),
            _scoped(reverse("enterprises:problem-edit", args=[problem.pk]), scope_qs),
        )
        for problem in rows
    ]
    return HitGroup("problem", "困难和问题", hits, more)


def _departments(user, text, scope_qs):
    queryset = (
        visible_departments(user)
        .filter(is_active=True)
        .filter(Q(name__icontains=text) | Q(short_name__icontains=text))
        .order_by("sort_order", "name")
    )
    rows, more = _limited(queryset)
    hits = [
        Hit(
            department.name,
            "责任单位",
            _scoped(reverse("dashboards:department", args=[department.pk]), scope_qs),
        )
        for department in rows
    ]
    return HitGroup("department", "责任单位", hits, more)


def search(user, campaign, text, scope_qs=""):
    """The groups of what `user` may see in `campaign` whose name contains `text`; each hit
    links to its page keeping `scope_qs` (campaign and as_of). Empty groups are left out."""
    if not text or campaign is None:
        return []
    groups = [
        *(_tracked(kind, user, campaign, text, scope_qs) for kind in TRACKED_KINDS.values()),
        _key_enterprises(user, campaign, text, scope_qs),
        _problems(user, campaign, text, scope_qs),
        _departments(user, text, scope_qs),
    ]
    return [group for group in groups if group.hits]
