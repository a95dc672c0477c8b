"""What every form of the portal shares."""


def add_validation_errors(form, exc, *, default_field=None):
    """Put a service's ValidationError on the form: each field's errors on that field when the
    form has it, the rest (and a message without fields) on `default_field` or the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else default_field, errors)
    else:
        form.add_error(default_field, exc)
