import datetime

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
