"""Who may do what: admin (superuser or admin role), leader, staff of one department, the
reviewer (审核人, head) of one department, and the account of one enterprise (企业填报员)."""

from core.choices import Role


def person_of(user):
    """The user's 人员 record with its department, loaded in one query the first time any role
    check or page header asks (every page shows both)."""
    from django.contrib.auth import get_user_model

    from core.models import Person

    if not get_user_model().person.is_cached(user):
        person = Person.objects.select_related("department").filter(user=user).first()
        if person is not None:
            user.person = person
    return getattr(user, "person", None)


def role_of(user):
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    person = person_of(user)
    return person.role if person is not None else None


def department_of(user):
    person = getattr(user, "person", None)
    return person.department if person is not None else None


def is_admin(user):
    return role_of(user) == Role.ADMIN


def is_staff_member(user):
    return role_of(user) == Role.STAFF


def is_reviewer(user):
    return role_of(user) == Role.REVIEWER


def is_enterprise_account(user):
    return role_of(user) == Role.ENTERPRISE


# 三员分立: the security and audit administrators work outside the campaign's pages
SEPARATED_ADMINS = (Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)


def is_security_admin(user):
    return role_of(user) == Role.SECURITY_ADMIN


def is_audit_admin(user):
    return role_of(user) == Role.AUDIT_ADMIN


def can_read_audit_log(user):
    """Only the 审计管理员 reads (and exports) the security audit log; nobody changes it."""
    return is_audit_admin(user)


def can_see_phone_numbers(user):
    """Phone numbers of people and legal representatives in full: the staff who call them,
    their unit's 审核人, leaders and the 系统管理员; everyone else reads them masked."""
    return role_of(user) in (Role.ADMIN, Role.LEADER, Role.STAFF, Role.REVIEWER)
