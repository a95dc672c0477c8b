from django import template

from core.dates import cn_date, plan_date_text

register = template.Library()


@register.filter
def plan_date(item, name):
    """`{{ item|plan_date:"planned_start" }}`: the item's planned date, as a month when the
    plan gave only the month (the item's `<name>_is_month`)."""
    value = getattr(item, name, None)
    as_month = getattr(item, f"{name}_is_month", False)
    if value is not None and not as_month:
        return cn_date(value)  # the interface's one way of writing a date
    return plan_date_text(value, as_month=as_month) or "—"
