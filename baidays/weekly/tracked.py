"""The row keys of the weekly forms: "project-12" names one tracked item of one kind. The kinds
themselves (model, report and photo models, URL names) are registered by their apps in
core.registry.TRACKED_KINDS; code that works on "a tracked item" looks them up there instead
of branching on the kind."""

from core.parsing import parse_int
from core.registry import TRACKED_KINDS

KINDS = TRACKED_KINDS


def row_key(kind, item):
    return f"{kind.key}-{item.pk}"


def parse_row_key(key):
    """ "project-12" → (the project kind, 12); None for anything else."""
    kind_key, _, raw_pk = (key or "").partition("-")
    kind = KINDS.get(kind_key)
    if kind is None:
        return None
    return kind, parse_int(raw_pk, label="事项编号")
