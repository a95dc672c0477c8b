"""One field of the week's batch form, drawn as crispy-forms' Bootstrap 5 field (the same ids,
classes and error markup) but by a few string joins: a page of the batch form draws 300 of
them, and through crispy's templates they took three quarters of the page's time."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

# the classes crispy-forms gives each widget, by the widget's template name
WIDGET_CLASSES = {"number": "numberinput", "text": "textinput", "textarea": "textarea"}


@register.simple_tag
def batch_field(field):
    """`field` (a BoundField) with its label, widget, errors and help text."""
    kind = field.field.widget.input_type if hasattr(field.field.widget, "input_type") else None
    classes = [WIDGET_CLASSES.get(kind or "textarea", "textinput"), "form-control"]
    if field.errors:
        classes.append("is-invalid")
    widget = field.as_widget(attrs={"class": " ".join(classes)})
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                (
                    (number, field.auto_id, message)
                    for number, message in enumerate(field.errors, start=1)
                ),
            ),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}{}</div>',
        field.auto_id,
        field.auto_id,
        field.label,
        widget,
        errors,
        help_text,
    )
