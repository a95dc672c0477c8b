"""What every form of the portal shares."""

from core.parsing import parse_int


def add_validation_errors(form, exc, *, default_field=None):
    """Put a service's ValidationError on the form: each field's errors on that field when the
    form has it, the rest (and a message without fields) on `default_field` or the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else default_field, errors)
    else:
        form.add_error(default_field, exc)


def bind_capped_formset(formset_class, data, *, offered, **kwargs):
    """Bind `formset_class` to `data`, refusing at once (MalformedNumber → 400) a TOTAL_FORMS
    that is not a plain number or exceeds `offered`, the rows the page showed: Django's own cap
    (absolute_max) still lets views and templates loop over a crafted count."""
    prefix = kwargs.get("prefix") or formset_class.get_default_prefix()
    parse_int(data.get(f"{prefix}-TOTAL_FORMS"), label="表单行数", maximum=offered)
    return formset_class(data, **kwargs)
