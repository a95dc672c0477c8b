"""The interface's two ways of writing a date (core.dates): `|cn_date` is 2026年12月1日,
`|cn_day` is 12月1日 when the year is plain (the campaign's, given as the argument, else this
year's). Both take a date or the summary's ISO strings."""

import datetime

from django import template

from core import dates

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        return datetime.date.fromisoformat(value)
    return None


@register.filter
def cn_date(value):
    day = _as_date(value)
    return dates.cn_date(day) if day else ""


@register.filter
def cn_day(value, year=None):
    day = _as_date(value)
    if day is None:
        return ""
    return dates.cn_day(day, getattr(year, "year", year))
