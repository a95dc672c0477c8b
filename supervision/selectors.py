"""Reads of 督办: the list as it stood on a day, filtered; a unit's open ones."""

from dataclasses import dataclass

from supervision.links import notice_url
from supervision.models import Supervision

PAGE_SIZE = 50
UNIT_CARD_SIZE = 50


def with_state_as_of(supervisions, as_of):
    """Each 督办单 with `level`, `opened`, `is_open`, `closed`, `answered` and `overdue` (its
    answer due before the day and not given by then) as they stood at the end of `as_of`, by
    the model's rules: no query."""
    supervisions = list(supervisions)
    for supervision in supervisions:
        supervision.level = supervision.level_as_of(as_of)
        supervision.opened = supervision.is_opened_as_of(as_of)
        supervision.is_open = supervision.is_open_as_of(as_of)
        supervision.closed = supervision.is_closed_as_of(as_of)
        supervision.answered = supervision.is_answered_as_of(as_of)
        supervision.overdue = supervision.answer_overdue_as_of(as_of)
    return supervisions


def supervision_list(queryset, campaign, as_of, *, level="", cause="", department=None, state=""):
    rows = queryset.filter(campaign=campaign, opened_on__lte=as_of).select_related(
        "department", "leader"
    )
    if state == "closed":
        rows = rows.exclude(pk__in=rows.open_as_of(as_of).values("pk"))
    elif state != "all":
        rows = rows.open_as_of(as_of)
    if level == "red":
        rows = rows.red_as_of(as_of)
    elif level == "yellow":
        rows = rows.exclude(escalated_on__lte=as_of)
    if cause:
        rows = rows.filter(cause=cause)
    if department is not None:
        rows = rows.filter(department=department)
    return rows.level_order(as_of)


def open_for_department(campaign, department, as_of):
    if department is None:
        return Supervision.objects.none()
    return (
        Supervision.objects.filter(campaign=campaign, department=department)
        .open_as_of(as_of)
        .level_order(as_of)
    )


@dataclass(frozen=True)
class UnitCard:
    rows: list  # the first UNIT_CARD_SIZE open 督办单, by level_order
    more: bool  # whether the unit has more open than that

    def __bool__(self):
        return bool(self.rows)


def unit_card(campaign, department, as_of, query):
    """The unit's open 督办单 on its weekly page (supervision/_unit_list.html): the first
    UNIT_CARD_SIZE by level_order, each with_state_as_of `as_of` and its `notice_url` keeping
    `query` (supervision.links.scope_query), and whether there are more. One query."""
    rows = with_state_as_of(
        open_for_department(campaign, department, as_of)[: UNIT_CARD_SIZE + 1], as_of
    )
    for row in rows:
        row.notice_url = notice_url(row, query)
    return UnitCard(rows=rows[:UNIT_CARD_SIZE], more=len(rows) > UNIT_CARD_SIZE)
