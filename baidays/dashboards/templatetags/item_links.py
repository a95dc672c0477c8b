"""Links from a figure to the page of what it names, keeping the dashboard's `campaign` and
`as_of` (the context's `scope_qs`), so that one click opens the item at the same as-of date."""

from django import template
from django.urls import reverse

from core.registry import TRACKED_KINDS

register = template.Library()


def _scoped(context, url, extra=""):
    query = "&".join(part for part in (extra, context.get("scope_qs") or "") if part)
    return f"{url}?{query}" if query else url


@register.simple_tag(takes_context=True)
def item_url(context, kind, pk):
    """The item page of a tracked item of `kind` (its key: "project", "entry")."""
    return _scoped(context, reverse(TRACKED_KINDS[kind].urls.detail, args=[pk]))


@register.simple_tag(takes_context=True)
def department_url(context, pk):
    return _scoped(context, reverse("dashboards:department", args=[pk]))


@register.simple_tag(takes_context=True)
def problem_url(context, problem):
    return _scoped(context, reverse("enterprises:problem-edit", args=[problem.pk]))


@register.simple_tag(takes_context=True)
def list_url(context, name, **filters):
    """A dashboard list filtered as the count beside it counts (`department=`, `kind=`)."""
    extra = "&".join(f"{key}={value}" for key, value in filters.items() if value not in ("", None))
    return _scoped(context, reverse(name), extra)


@register.simple_tag
def photo_thumb_url(kind, item_pk, photo_pk):
    """A site photo's thumbnail through the item page's checked photo view (send_upload)."""
    return reverse(TRACKED_KINDS[kind].urls.photo_file, args=[item_pk, photo_pk, "thumb"])


@register.filter
def sub_int(value, other):
    """value − other for the week-on-week counts."""
    return int(value) - int(other)
