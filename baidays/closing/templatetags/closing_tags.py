"""The 签收 block of the 督办通知单 (templates/supervision/notice.html): the unit it went to, who
of that unit signed for it and when, as of the page's day; the unit's people sign there."""

from django import template

from core.history import user_name

from ..access import can_receive
from ..selectors import receipt_as_of

register = template.Library()


@register.inclusion_tag("closing/_receipt.html", takes_context=True)
def supervision_receipt(context, supervision, as_of, past):
    receipt = receipt_as_of(supervision, as_of)
    user = context["request"].user
    return {
        "supervision": supervision,
        "receipt": receipt,
        "received_by": user_name(receipt.received_by) if receipt else "",
        "can_receive": not past and receipt is None and can_receive(user, supervision),
        "csrf_token": context.get("csrf_token"),
        "scope_qs": context.get("scope_qs", ""),
    }
