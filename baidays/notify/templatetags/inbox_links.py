"""A message's links made clickable in the inbox: the portal's own paths (/supervision/12/…),
written so by the reminders when PORTAL_URL is not set, and full http(s) addresses."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# a path or address standing alone: after the start, a space or a full-width colon
LINK = re.compile(r"(?:(?<=^)|(?<=[\s：]))((?:https?://[^\s/]+)?/[^\s<>\"]*)")


@register.filter(needs_autoescape=True)
def linked(text, autoescape=True):
    escaped = conditional_escape(text) if autoescape else text
    return mark_safe(LINK.sub(lambda found: f'<a href="{found[1]}">{found[1]}</a>', escaped))  # noqa: S308
