import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone


class AsOfError(ValueError):
    pass


def parse_as_of(raw):
    """`YYYY-MM-DD` → date; empty → today in Asia/Shanghai."""
    if raw in (None, ""):
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise AsOfError(f"日期 {raw!r} 无效，应为 YYYY-MM-DD 格式，例如 2026-06-15") from None


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
