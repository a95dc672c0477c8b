"""Named users per role and their logged-in clients."""

import pytest
from django.test import Client

from baidays.choices import Role

from .factories import DepartmentFactory, PersonFactory, UserFactory


def _user_with_role(username, role, department, *, superuser=False):
    user = UserFactory(username=username, is_superuser=superuser, is_staff=superuser)
    PersonFactory(user=user, name=username, role=role, department=department)
    return user


@pytest.fixture
def department(db):
    return DepartmentFactory(name="园区建设科")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="园区电力办")


@pytest.fixture
def admin_user(db):
    return _user_with_role(
        "admin", Role.ADMIN, DepartmentFactory(name="县工业园区管委会"), superuser=True
    )


@pytest.fixture
def leader_user(db):
    return _user_with_role("leader", Role.LEADER, DepartmentFactory(name="县工业园区管委会"))


@pytest.fixture
def staff_user(department):
    return _user_with_role("staff", Role.STAFF, department)


@pytest.fixture
def other_staff_user(other_department):
    return _user_with_role("staff2", Role.STAFF, other_department)


def _client_for(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def admin_client(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def leader_client(leader_user):
    return _client_for(leader_user)


@pytest.fixture
def staff_client(staff_user):
    return _client_for(staff_user)


@pytest.fixture
def other_staff_client(other_staff_user):
    return _client_for(other_staff_user)
