from django import template

from baidays.history import change_history as change_history_selector

register = template.Library()


@register.inclusion_tag("includes/history.html")
def change_history(item, limit=50):
    """`{% change_history item %}`: the item's change log (who, when, field: old → new)."""
    return {"history": change_history_selector(item, limit=limit)}
