from django import template

from core.access import can_archive_items
from core.history import change_history as change_history_selector
from core.roles import is_admin

register = template.Library()


@register.inclusion_tag("includes/archive_controls.html", takes_context=True)
def archive_controls(context, item, next_url=""):
    """`{% archive_controls item next_url %}`: 归档 for the item's writers (staff of its unit,
    admins), 恢复 for admins once archived. The POST goes to the archive/restore routes, whose
    views apply the access rules again."""
    from core.views import archive_kind_of

    user = context["request"].user
    return {
        "item": item,
        "kind": archive_kind_of(item),
        "next_url": next_url or context["request"].path,
        "can_archive": can_archive_items(user) and not item.is_archived,
        "can_restore": is_admin(user) and item.is_archived,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("includes/history.html")
def change_history(item, limit=50):
    """`{% change_history item %}`: the item's change log (who, when, field: old → new)."""
    return {"history": change_history_selector(item, limit=limit)}
