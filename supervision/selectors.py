"""Reads of 督办: the list as it stood on a day, filtered; a unit's open ones."""

from supervision.models import Supervision

PAGE_SIZE = 50


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
