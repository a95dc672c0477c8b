"""Display helpers for the dashboards: money in 万元 / 亿元 and bar widths."""

from decimal import Decimal, InvalidOperation

from django import template

from core.money import quantize_wan

register = template.Library()


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def wan(value):
    """1156 → "1,156.00" (万元, two places, thousands separated)."""
    number = _decimal(value)
    if number is None:
        return ""
    return f"{quantize_wan(number):,.2f}"


@register.filter
def wan_or_yi(value):
    """A 万元 amount as a leader reads it: 17800 → "1.78亿元", 1156 → "1156万元"."""
    number = _decimal(value)
    if number is None:
        return ""
    if abs(number) >= 10000:
        return f"{(number / 10000).quantize(Decimal('0.01')).normalize():f}亿元"
    return f"{quantize_wan(number).normalize():f}万元"


@register.filter
def bar_width(value):
    """A percentage clamped to 0–100 for a progress bar's width."""
    number = _decimal(value)
    if number is None:
        return "0"
    return str(max(Decimal(0), min(Decimal(100), number)))


@register.filter
def at_least(value, threshold):
    number, limit = _decimal(value), _decimal(threshold)
    return number is not None and limit is not None and number >= limit
