"""A message's links made clickable in the inbox: only the portal's own paths (/supervision/12/…,
written so by the reminders when PORTAL_URL is not set; with it set, the portal's full
addresses, linked by their path). Never "//host" or "/\\host" (another site to a browser), never
another site's address from user text: those stay plain text."""

import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from baidays.notify.text import PATH_CHARS

register = template.Library()

# after the start, a space or a full-width colon: the portal's address (optional) and a path
# whose second character is not a slash or a backslash
LINK = r"(?:(?<=^)|(?<=[\s：])){portal}(/(?![/\\]){chars})"


def _pattern():
    portal = f"(?:{re.escape(settings.PORTAL_URL)})?" if settings.PORTAL_URL else ""
    return re.compile(LINK.format(portal=portal, chars=PATH_CHARS))


@register.filter(needs_autoescape=True)
def linked(text, autoescape=True):
    escaped = conditional_escape(text) if autoescape else text
    # escaping turns & into &amp;, still within PATH_CHARS' & and letters, and never a quote
    return mark_safe(  # noqa: S308
        _pattern().sub(lambda found: f'<a href="{found[1]}">{found[0]}</a>', str(escaped))
    )
