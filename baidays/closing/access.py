"""Who may write what of the closing app: the office (管理员) writes the briefing's narrative,
a leader 签发 it, a person of the responsible unit 签收 its 督办通知单. Views and templates ask
these predicates, never a role."""

from django.core.exceptions import PermissionDenied

from core.access import (
    acts_for_unit,
    can_administer,
    can_sign_off,
    keeps_unit_records,
    sees_every_unit,
)


def can_read_briefing(user):
    return sees_every_unit(user)


def can_write_narrative(user):
    return can_administer(user)


def can_issue(user):
    return can_sign_off(user)


def can_receive(user, supervision):
    return acts_for_unit(user, supervision.department)


def require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def can_read_feedback(user):
    return sees_every_unit(user)


def can_manage_feedback(user):
    """The office sends the requests, makes the links and types in paper answers."""
    return can_administer(user)


def can_make_lookback(user):
    return can_administer(user)


def can_complete_follow_up(user, follow_up):
    """The responsible unit's staff, or the office."""
    return can_administer(user) or keeps_unit_records(user, follow_up.responsible_department)
