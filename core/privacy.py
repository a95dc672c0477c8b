"""Personal data shown by role: phone numbers of legal representatives and people are read in
full only by the roles that call them (core.roles.can_see_phone_numbers), masked elsewhere —
on pages (the `phone_for` filter) and in what is exported for such a reader."""

from core.roles import can_see_phone_numbers

MASK = "****"


def mask_phone(value):
    """138****0101: the first three and the last four characters stay, the middle is hidden;
    a value too short to keep anything is hidden whole."""
    text = str(value or "").strip()
    if not text:
        return ""
    if len(text) < 8:
        return MASK
    return f"{text[:3]}{MASK}{text[-4:]}"


def phone_for(value, user):
    return value if can_see_phone_numbers(user) else mask_phone(value)
