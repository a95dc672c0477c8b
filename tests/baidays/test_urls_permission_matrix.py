"""Who may do what, as one table: every row is a route and method, every column a role, every
cell the status that role must get. A new view is one more row.

Columns: anonymous visitor, logged-in account without a role (no 人员 record), staff of the
item's department, staff of another department, leader, admin, the 审核人 of the item's
department, the 企业填报员 of the 争先杯 entry's enterprise (it sees nothing of any other
enterprise, and no campaign-wide page). The world every cell runs in is
built fresh by the `world` fixture; `{name}` in a URL is the pk of world[name]."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from baidays.closing.models import FeedbackRequest, FollowUp, WorkSummary
from baidays.closing.work_summary import draft_figures
from baidays.notify.models import Message
from supervision.choices import Cause
from supervision.models import Supervision
from tests import factories as f
from tests.baidays.permission_matrix import LOGIN, MATRIX, ROLES
from tests.baidays.permission_payloads import _entry_batch, _problem
from tests.baidays.weekly.support import running_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path, department, other_department, own_enterprise):
    """One of everything, owned by `department` (the staff column's), in a campaign running
    today (the weekly pages work on the current campaign and week)."""
    settings.MEDIA_ROOT = tmp_path
    campaign = running_campaign()
    phase = f.PhaseFactory(
        campaign=campaign, start_date=campaign.start_date, end_date=campaign.end_date
    )
    mine = {"responsible_department": department}
    leader = f.PersonFactory(department=department, name="王科长")
    project = f.ProjectFactory(campaign=campaign, responsible_leader=leader, **mine)
    photo = f.ProjectPhotoFactory(project=project)
    entry = f.CompetitionEntryFactory(campaign=campaign, enterprise=own_enterprise, **mine)
    other_enterprise = f.EnterpriseFactory(name="别家企业有限公司")
    meeting = f.TopicMeetingFactory(campaign=campaign)
    decision = f.DecisionFactory(meeting=meeting, evidence="evidence/minutes.pdf", **mine)
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "minutes.pdf").write_bytes(b"%PDF-1.4 minutes")
    return {
        "campaign": campaign,
        "department": department,
        "project": project,
        "archived_project": f.ProjectFactory(campaign=campaign, is_archived=True, **mine),
        "problem": f.ProblemFactory(campaign=campaign, enterprise=own_enterprise, **mine),
        "entry": entry,
        "other_entry": f.CompetitionEntryFactory(
            campaign=campaign, enterprise=other_enterprise, **mine
        ),
        "own_enterprise": own_enterprise,
        "other_enterprise": other_enterprise,
        "other_problem": f.ProblemFactory(campaign=campaign, enterprise=other_enterprise, **mine),
        "entry_photo": f.EntryPhotoFactory(entry=entry),
        "key_enterprise": f.KeyEnterpriseFactory(campaign=campaign, **mine),
        "photo": photo,
        "photo_file": photo.image.name,
        "decision": decision,
        "power_item": f.PowerItemFactory(campaign=campaign, **mine),
        "milestone": f.MilestoneFactory(
            plan=f.PlanFactory(campaign=campaign), lead_department=department
        ),
        "task": f.PhaseTaskFactory(phase=phase, **mine),
        "land_target": f.TopicTargetFactory(
            campaign=campaign,
            period_start=campaign.start_date,
            period_end=campaign.end_date,
            **mine,
        ),
        "approval_case": f.ApprovalCaseFactory(target__campaign=campaign, **mine),
        "responsible_person": leader,
        "work_summary": WorkSummary.objects.create(
            campaign=campaign,
            drafted_on=campaign.start_date,
            figures=draft_figures(campaign, campaign.start_date),
        ),
        "follow_up": FollowUp.objects.create(
            campaign=campaign,
            kind="problem",
            source_key="problem:0",
            finding="问题未解决",
            responsible_department=department,
            measure="限期解决",
            due_date=campaign.end_date,
            found_on=campaign.start_date,
        ),
        "feedback_request": FeedbackRequest.objects.create(
            campaign=campaign,
            kind="enterprise",
            enterprise=own_enterprise,
            unit_name=own_enterprise.name,
            requested_on=campaign.start_date,
            expires_on=campaign.end_date,
        ),
        "message": Message.objects.create(
            recipient=f.UserFactory(username="someone"), subject="催报", body="内容"
        ),
        "supervision": Supervision.objects.create(
            campaign=campaign,
            cause=Cause.DECISION,
            content_type=ContentType.objects.get_for_model(decision),
            object_id=decision.pk,
            target_label=str(decision),
            department=department,
            opened_on=campaign.start_date,
            answer_due=campaign.start_date,
            escalate_after=campaign.start_date,
            evidence="evidence/minutes.pdf",
        ),
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


def _pks(world):
    return {key: getattr(value, "pk", value) for key, value in world.items()}


def _fill(url, world):
    return url.format(**_pks(world))


CASES = [
    pytest.param(row, role, status, id=f"{row.method} {row.url} {role}")
    for row in MATRIX
    for role, status in zip(ROLES, row.statuses(), strict=True)
]


@pytest.mark.parametrize(("row", "role", "status"), CASES)
def test_permission_matrix(world, client_as, row, role, status):
    client = client_as(role)
    url = _fill(row.url, world)
    data = row.data(world) if callable(row.data) else row.data or {}
    response = getattr(client, row.method.lower())(url, data)
    assert response.status_code == status, f"{role} {row.method} {url}"
    if status == LOGIN and role == "anonymous":
        assert "/login/" in response["Location"]


def test_every_row_has_one_status_per_role():
    assert all(len(row.statuses()) == len(ROLES) for row in MATRIX)


def test_an_enterprise_account_reports_and_raises_only_its_own(client_as, world):
    from enterprises.models import EntryReport, Problem

    client = client_as("enterprise")
    client.post("/report/week/", _entry_batch("other_entry")(world))
    assert not EntryReport.objects.filter(entry=world["other_entry"]).exists()
    client.post("/report/week/", _entry_batch("entry")(world))
    assert EntryReport.objects.get(entry=world["entry"]).reporter.username == "enterprise"
    refused = client.post(
        "/enterprises/problems/new/",
        {**_problem(world), "project": "", "enterprise": world["other_enterprise"].pk},
    )
    assert refused.status_code == 404
    raised = client.post(
        "/enterprises/problems/new/",
        {**_problem(world), "project": "", "enterprise": world["own_enterprise"].pk},
    )
    assert raised.status_code == 302
    assert Problem.objects.filter(enterprise=world["own_enterprise"], title="用电报装").exists()
    home = client.get("/report/")
    assert world["entry"].project_name in home.content.decode()
    assert world["other_entry"].project_name not in home.content.decode()


def test_refused_writes_change_nothing(client_as, world):
    """A 403 or 404 in the table is a refusal, not a half-done write."""
    client_as("leader").post(_fill("/archive/project/{project}/", world))
    client_as("other_staff").post(_fill("/archive/project/{project}/", world))
    client_as("staff").post(_fill("/restore/project/{archived_project}/", world))
    world["project"].refresh_from_db()
    world["archived_project"].refresh_from_db()
    assert not world["project"].is_archived
    assert world["archived_project"].is_archived


# Routes open to everyone (tests/baidays/test_urls_login_required.py) need no row here.
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

    from tests.baidays.test_urls_login_required import ALL_ROUTES

    covered = {resolve(_fill(row.url, world).split("?")[0]).view_name for row in MATRIX}
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
