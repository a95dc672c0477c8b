"""The portal's form renderer: Django's own (DjangoTemplates), except that the widgets forms
draw most — the <input> family and <textarea> — are drawn by string joins giving the markup of
Django's widget templates character for character. A page of the weekly batch form draws 400
widgets; through the template engine they were two thirds of its time.

Only a template Django itself would load is drawn here: should an installed app override one
(an app's `templates/django/forms/widgets/…`), its template is used as it is."""

from functools import cache
from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

DJANGO_WIDGETS = Path(django.__file__).parent / "forms" / "templates"


def stringformat_s(value):
    """`{{ value|stringformat:'s' }}` inside an autoescaped template: the text of `value`,
    escaped unless it is already safe markup."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 — the filter's own formatting, tuples included
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else conditional_escape(text)


def attrs_html(attrs):
    """django/forms/widgets/attrs.html: ` name="value"` each, ` name` for True, nothing for
    False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{stringformat_s(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget):
    """django/forms/widgets/input.html, which text, number, hidden and the others include."""
    value = "" if widget["value"] is None else f' value="{stringformat_s(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{attrs_html(widget["attrs"])}>'
    )


def textarea_html(widget):
    """django/forms/widgets/textarea.html."""
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>'
        f"\n{value}</textarea>"
    )


# Django's widget templates drawn here, by name: each is exactly `{% include input.html %}` or
# textarea.html (tests/core/test_form_renderer.py compares every one with its template).
INPUT_TEMPLATES = ("text", "number", "hidden", "password", "email", "url", "date", "search",
                   "tel", "checkbox")  # fmt: skip
# what those templates include
INCLUDED = ("django/forms/widgets/input.html", "django/forms/widgets/attrs.html")
DRAWN = {f"django/forms/widgets/{name}.html": input_html for name in INPUT_TEMPLATES} | {
    "django/forms/widgets/textarea.html": textarea_html
}


class PortalFormRenderer(DjangoTemplates):
    """DjangoTemplates with the widgets of DRAWN drawn in Python."""

    def render(self, template_name, context, request=None):
        drawer = DRAWN.get(template_name)
        if drawer is None or not self.is_djangos_own(template_name):
            return super().render(template_name, context, request=request)
        return drawer(context["widget"])

    @cache  # noqa: B019 — one renderer per process (django.forms.renderers.get_default_renderer)
    def is_djangos_own(self, template_name):
        """Whether `template_name` and the templates it includes resolve to Django's own
        files, none to an app's override."""
        return all(
            Path(self.get_template(name).origin.name).is_relative_to(DJANGO_WIDGETS)
            for name in (template_name, *INCLUDED)
        )
