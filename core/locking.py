"""Optimistic locking for items edited in forms: the form carries the `version` it was opened
with; a save whose version is no longer current is refused and shows what the other person
saved, so nothing is overwritten silently."""

from django.core.exceptions import ValidationError
from django.db import transaction


class StaleVersion(Exception):
    def __init__(self, current, fields):
        super().__init__("该事项已被其他人修改")
        self.current = current
        self.fields = fields

    @property
    def message(self):
        return stale_message(self.current, self.fields)


def display_value(instance, name):
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices:
        value = getattr(instance, f"get_{name}_display")()
    elif hasattr(value, "strftime"):
        value = f"{value:%Y-%m-%d}"
    elif field.get_internal_type() == "FileField":
        value = value.name.rsplit("/", 1)[-1] if value else ""
    return value if value not in (None, "") else "（空）"


def stale_message(current, fields):
    shown = "；".join(
        f"{current._meta.get_field(name).verbose_name}：{display_value(current, name)}"
        for name in fields
    )
    return (
        f"保存前其他人已修改了“{current}”，您的修改没有保存。对方保存的内容是——{shown}。"
        "请核对后再次提交（将以您的内容为准）。"
    )


@transaction.atomic
def save_versioned(queryset, pk, *, expected_version, changes, user=None, reason=""):
    """Apply `changes` to the row if its version is still `expected_version`; record who did
    it in the history. Models without a version field are saved without the check."""
    current = queryset.select_for_update(of=("self",)).get(pk=pk)
    versioned = hasattr(current, "version")
    if versioned and current.version != expected_version:
        raise StaleVersion(current, list(changes))
    for name, value in changes.items():
        setattr(current, name, value)
    if versioned:
        current.version += 1
    current._history_user = user
    current._change_reason = reason
    current.full_clean()
    current.save()
    return current


def apply_stale(form, exc):
    """Put the refusal on the form and move its version forward, so that submitting again is
    a deliberate overwrite."""
    form.add_error(None, ValidationError(exc.message, code="stale"))
    if "version" in form.fields:
        data = form.data.copy()
        data[form.add_prefix("version")] = str(exc.current.version)
        form.data = data
