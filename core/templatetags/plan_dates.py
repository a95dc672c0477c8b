from django import template

from core.dates import plan_date_text

register = template.Library()


@register.filter
def plan_date(item, name):
    """`{{ item|plan_date:"planned_start" }}`: the item's planned date, as a month when the
    plan gave only the month (the item's `<name>_is_month`)."""
    value = getattr(item, name, None)
    return plan_date_text(value, as_month=getattr(item, f"{name}_is_month", False)) or "—"
