import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone


class AsOfError(ValueError):
    pass


# The dates a page may be looked at as of: far enough for any campaign, near enough that week
# and day arithmetic (a week later, a year's end) never leaves Python's dates.
AS_OF_EARLIEST = datetime.date(2000, 1, 1)
AS_OF_LATEST = datetime.date(2099, 12, 31)


def parse_as_of(raw):
    """`YYYY-MM-DD` → date; empty → today in Asia/Shanghai. A date outside 2000–2099 is
    refused with a message (9999-12-31 would overflow the week arithmetic)."""
    if raw in (None, ""):
        return timezone.localdate()
    try:
        day = datetime.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise AsOfError(f"日期 {raw!r} 无效，应为 YYYY-MM-DD 格式，例如 2026-06-15") from None
    if not AS_OF_EARLIEST <= day <= AS_OF_LATEST:
        raise AsOfError(
            f"日期 {day.isoformat()} 超出可查看的范围"
            f"（{AS_OF_EARLIEST.isoformat()} 至 {AS_OF_LATEST.isoformat()}）"
        )
    return day


def plan_date_text(value, *, as_month=False):
    """A planned date as shown and exported: "2026年5月" when the plan gave only the month,
    otherwise "2026-05-08"; "" when there is none."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月" if as_month else value.isoformat()


def check_dates_in_window(campaign, record, **labels):
    """Campaign.check_date_in_window for several date fields of `record` (field → label); the
    errors land on their fields."""
    if campaign is None:
        return
    errors = {}
    for field, label in labels.items():
        try:
            campaign.check_date_in_window(getattr(record, field), label)
        except ValidationError as exc:
            errors[field] = exc
    if errors:
        raise ValidationError(errors)


# --- how a date is written: one way in the interface, one in Excel (yyyy-mm-dd) ------------

EXCEL_DATE_FORMAT = "yyyy-mm-dd"


def cn_date(day):
    """2026年12月1日: the interface's date, with no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_day(day, year=None):
    """12月1日 where the year is plain (the same as `year`, else this year); else cn_date."""
    plain = year if year is not None else timezone.localdate().year
    return f"{day.month}月{day.day}日" if day.year == plain else cn_date(day)


def month_span_label(start, end):
    """The plan's way of naming a period by its months: 5月份, 6、7月份, 5月至8月."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.month}月份"
    following = (start.month % 12) + 1
    if end.month == following and (end - start).days < 62:
        return f"{start.month}、{end.month}月份"
    return f"{start.month}月至{end.month}月"
