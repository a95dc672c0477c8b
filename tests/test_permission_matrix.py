"""Who may do what, as one table: every row is a route and method, every column a role, every
cell the status that role must get. A new view is one more row.

Columns: anonymous visitor, logged-in account without a role (no 人员 record), staff of the
item's department, staff of another department, leader, admin. The world every cell runs in is
built fresh by the `world` fixture; `{name}` in a URL is the pk of world[name]."""

from typing import NamedTuple

import pytest
from django.test import Client

from . import factories as f

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "no_role", "staff", "other_staff", "leader", "admin")
LOGIN = 302  # anonymous: sent to the login page (LoginRequiredMiddleware)
MOVED = 302  # done, then redirected back


class Row(NamedTuple):
    method: str
    url: str
    expected: tuple  # one status per role, in ROLES order
    data: dict | None = None


MATRIX = [
    # the portal
    Row("GET", "/", (LOGIN, 403, 200, 200, 200, 200)),
    Row("GET", "/api/summary/", (LOGIN, 403, 200, 200, 200, 200)),
    Row("POST", "/api/summary/", (LOGIN, 403, 405, 405, 405, 405)),
    Row("GET", "/accounts/password-change/", (LOGIN, 200, 200, 200, 200, 200)),
    Row("GET", "/accounts/password-change/done/", (LOGIN, 200, 200, 200, 200, 200)),
    Row("POST", "/accounts/logout/", (LOGIN, 302, 302, 302, 302, 302)),
    # uploads: readers of the record only
    Row("GET", "/media/{photo_file}", (LOGIN, 404, 200, 404, 200, 200)),
    Row("POST", "/media/{photo_file}", (LOGIN, 405, 405, 405, 405, 405)),
    # archive (staff: own department; leaders write only 批示) and restore (admins)
    Row("POST", "/archive/project/{project}/", (LOGIN, 403, MOVED, 404, 403, MOVED)),
    Row("POST", "/archive/problem/{problem}/", (LOGIN, 403, MOVED, 404, 403, MOVED)),
    Row("POST", "/archive/competition-entry/{entry}/", (LOGIN, 403, MOVED, 404, 403, MOVED)),
    Row("POST", "/archive/key-enterprise/{key_enterprise}/", (LOGIN, 403, MOVED, 404, 403, MOVED)),
    Row("GET", "/archive/project/{project}/", (LOGIN, 403, 405, 405, 405, 405)),
    Row("POST", "/restore/project/{archived_project}/", (LOGIN, 403, 403, 403, 403, MOVED)),
    # the Django admin: admins only; the others are sent to the admin's login page
    Row("GET", "/admin/", (LOGIN, 302, 302, 302, 302, 200)),
    Row("GET", "/admin/projects/project/", (LOGIN, 302, 302, 302, 302, 200)),
    Row("GET", "/admin/projects/project/{project}/change/", (LOGIN, 302, 302, 302, 302, 200)),
    Row("GET", "/admin/projects/project/{project}/history/", (LOGIN, 302, 302, 302, 302, 200)),
    Row(
        "POST",
        "/admin/projects/project/{project}/delete/",
        (LOGIN, 302, 302, 302, 302, MOVED),  # only a superuser hard-deletes
        {"post": "yes"},
    ),
    Row("GET", "/admin/auth/user/", (LOGIN, 302, 302, 302, 302, 200)),
]


@pytest.fixture
def world(settings, tmp_path, department, other_department):
    """One of everything, owned by `department` (the staff column's)."""
    settings.MEDIA_ROOT = tmp_path
    campaign = f.CampaignFactory(slug="2026")
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    photo = f.ProjectPhotoFactory(project=project)
    return {
        "campaign": campaign,
        "project": project,
        "archived_project": f.ProjectFactory(
            campaign=campaign, responsible_department=department, is_archived=True
        ),
        "problem": f.ProblemFactory(campaign=campaign, responsible_department=department),
        "entry": f.CompetitionEntryFactory(campaign=campaign, responsible_department=department),
        "key_enterprise": f.KeyEnterpriseFactory(
            campaign=campaign, responsible_department=department
        ),
        "photo": photo,
        "photo_file": photo.image.name,
    }


@pytest.fixture
def client_as(request):
    def make(role):
        if role == "anonymous":
            return Client()
        if role == "no_role":
            user = f.UserFactory(username="norole")
        else:
            fixture = {"other_staff": "other_staff_user"}.get(role, f"{role}_user")
            user = request.getfixturevalue(fixture)
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def _fill(url, world):
    values = {key: getattr(value, "pk", value) for key, value in world.items()}
    return url.format(**values)


CASES = [
    pytest.param(row, role, status, id=f"{row.method} {row.url} {role}")
    for row in MATRIX
    for role, status in zip(ROLES, row.expected, strict=True)
]


@pytest.mark.parametrize(("row", "role", "status"), CASES)
def test_permission_matrix(world, client_as, row, role, status):
    client = client_as(role)
    url = _fill(row.url, world)
    response = getattr(client, row.method.lower())(url, row.data or {})
    assert response.status_code == status, f"{role} {row.method} {url}"
    if status == LOGIN and role == "anonymous":
        assert "/login/" in response["Location"]


def test_every_row_has_one_status_per_role():
    assert all(len(row.expected) == len(ROLES) for row in MATRIX)


def test_refused_writes_change_nothing(client_as, world):
    """A 403 or 404 in the table is a refusal, not a half-done write."""
    client_as("leader").post(_fill("/archive/project/{project}/", world))
    client_as("other_staff").post(_fill("/archive/project/{project}/", world))
    client_as("staff").post(_fill("/restore/project/{archived_project}/", world))
    world["project"].refresh_from_db()
    world["archived_project"].refresh_from_db()
    assert not world["project"].is_archived
    assert world["archived_project"].is_archived


# Routes open to everyone (tests/test_login_required_everywhere.py) need no row here.
OPEN_ROUTES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
}


def test_every_portal_route_has_a_row(world):
    """A view added later fails here until its row is in MATRIX. The admin's routes are
    covered by the admin site's own rules (staff flag, permissions, PortalRulesMixin)."""
    from django.urls import resolve

    from .test_login_required_everywhere import ALL_ROUTES

    covered = {resolve(_fill(row.url, world)).view_name for row in MATRIX}
    portal = {
        name
        for _, name, _, _ in ALL_ROUTES
        if name and not name.startswith("admin:") and name not in OPEN_ROUTES
    }
    assert portal - covered == set(), "这些路由还没有写进权限总表 MATRIX"


def test_refusals_explain_themselves_in_chinese(client_as, world):
    refused = client_as("leader").post(_fill("/archive/project/{project}/", world))
    assert "领导账号只能查看和批示" in refused.content.decode()
    missing = client_as("other_staff").post(_fill("/archive/project/{project}/", world))
    assert "不属于您的单位" in missing.content.decode()
