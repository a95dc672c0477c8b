"""Who may do what: admin (superuser or admin role), leader, staff of one department."""

from .choices import Role


def role_of(user):
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    person = getattr(user, "person", None)
    return person.role if person is not None else None


def department_of(user):
    person = getattr(user, "person", None)
    return person.department if person is not None else None


def is_admin(user):
    return role_of(user) == Role.ADMIN


def is_leader(user):
    return role_of(user) == Role.LEADER


def is_staff_member(user):
    return role_of(user) == Role.STAFF
