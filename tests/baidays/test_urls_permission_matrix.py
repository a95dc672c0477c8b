"""Who may do what, as one table: every row is a route and method, every column a role, every
cell the status that role must get. A new view is one more row.

Columns: anonymous visitor, logged-in account without a role (no 人员 record), staff of the
item's department, staff of another department, leader, admin, the 审核人 of the item's
department, the 企业填报员 of the 争先杯 entry's enterprise (it sees nothing of any other
enterprise, and no campaign-wide page). The world every cell runs in is
built fresh by the `world` fixture; `{name}` in a URL is the pk of world[name]."""

from collections.abc import Callable
from typing import NamedTuple

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from baidays.notify.models import Message
from supervision.choices import Cause
from supervision.models import Supervision
from tests import factories as f
from tests.baidays.weekly.support import (
    batch_post,
    image_upload,
    nodes_post,
    running_campaign,
    weeks_post,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "no_role",
    "staff",
    "other_staff",
    "leader",
    "admin",
    "reviewer",
    "enterprise",
)
LOGIN = 302  # anonymous: sent to the login page (LoginRequiredMiddleware)
MOVED = 302  # done, then redirected back


class Row(NamedTuple):
    method: str
    url: str
    expected: tuple  # one status per role, in ROLES order
    data: dict | Callable | None = None  # a callable builds the POST body from the world


NOT_ALLOWED = 405  # the view does not take this method


def _today():
    return timezone.localdate().isoformat()


def _photo(world):
    return {"image": image_upload(), "caption": "现场", "taken_on": _today()}


def _batch(world):
    return batch_post(
        [
            (
                f"project-{world['project'].pk}",
                0,
                {"week_investment_wan": "5", "percent_complete": "10"},
            )
        ]
    )


def _entry_batch(name):
    def body(world):
        key = f"entry-{world[name].pk}"
        return batch_post([(key, 0, {"week_investment_wan": "5", "percent_complete": "10"})])

    return body


def _review(world):
    report = f.ProjectReportFactory(project=world["project"], report_week=1, state="pending")
    return {f"decision-project-{report.pk}": "approve"}


def _done(name):
    def body(world):
        return {
            "version": getattr(world[name], "version", 0),
            "status": "done",
            "completed_on": _today(),
            "result": "已完成",
            "evidence": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        }

    return body


def _problem(world):
    return {
        "project": world["project"].pk,
        "title": "用电报装",
        "category": "power",
        "raised_on": _today(),
        "responsible_department": world["department"].pk,
    }


def _problem_progress(world):
    return {
        "version": world["problem"].version,
        "status": "in_progress",
        "responsible_department": world["department"].pk,
        "due_date": "",
        "resolution": "已对接供电公司",
    }


def _visit(world):
    return {"visited_on": _today(), "visitors": "张三", "findings": "生产正常"}


def _promotion(world):
    return {
        "title": "招商推介会",
        "held_on": _today(),
        "place": "县会展中心",
        "leads_count": "2",
        "intended_investment_wan": "1200.50",
        "responsible_department": world["department"].pk,
    }


def _land_transfer(world):
    return {"parcel": "A-01", "transferred_on": _today(), "area_mu": "10", "price_wan": "300"}


def _meeting(world):
    return {
        "topic": "land",
        "title": "土地专题会",
        "held_on": _today(),
        "chair": "刘建华",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "1",
        "decisions-MAX_NUM_FORMS": "1000",
        "decisions-0-content": "上报用地手续",
        "decisions-0-responsible_department": world["department"].pk,
        "decisions-0-due_date": _today(),
        "decisions-0-status": "not_started",
    }


def _land_filing(world):
    return {
        "target": world["land_target"].pk,
        "filed_on": _today(),
        "description": "三期用地",
        "area_mu": "12",
    }


def _approval(world):
    return {"case": world["approval_case"].pk, "solved_on": _today()}


def _evaluation(world):
    person = world["responsible_person"].pk
    return {"person": person, f"p{person}-score": "90", f"p{person}-grade": "优秀"}


def _schedule(name):
    """The 进度计划 editor's weeks: the whole 100-day plan in week 1."""

    def body(world):
        item = world[name]
        return weeks_post(item.campaign, {1: str(item.planned_investment_wan)})

    return body


def _nodes(world):
    return nodes_post([{"text": "完成路基", "planned_on": _today()}])


def _instruction(world):
    return {"kind": "project", "object_id": world["project"].pk, "text": "加快进度", "next": "/"}


# Columns:      anonymous, no role, staff, other department's staff, leader, admin, reviewer,
#               enterprise account
EVERYONE = (LOGIN, 403, 200, 200, 200, 200, 200, 403)  # campaign-wide: not for enterprises
OWN_DEPARTMENT = (LOGIN, 403, 200, 404, 200, 200, 200, 403)  # readers of the item
ITEM_PAGE = (LOGIN, 403, 200, 404, 200, 200, 200, 404)  # item pages: an enterprise's own only
ENTERPRISE_OWN = (LOGIN, 403, 200, 404, 200, 200, 200, 200)  # the enterprise's own entry
WRITERS_PAGE = (LOGIN, 403, 200, 200, 403, 200, 403, 403)  # pages that exist to enter data
ENTRY_PAGE = (LOGIN, 403, 200, 200, 403, 200, 403, 200)  # data entry an enterprise does too
OWN_WRITE = (LOGIN, 403, MOVED, 404, 403, MOVED, 403, 403)  # a write to the department's item
OPEN_WRITE = (LOGIN, 403, MOVED, 404, 403, MOVED, 403, 404)  # open view, not the enterprise's
ENTERPRISE_WRITE = (LOGIN, 403, MOVED, 404, 403, MOVED, 403, MOVED)  # its own entry
ANY_WRITER = (LOGIN, 403, MOVED, MOVED, 403, MOVED, 403, 403)  # a campaign-wide register
INSTRUCT = (LOGIN, 403, 403, 403, MOVED, MOVED, 403, 403)  # 批示: leaders and admins
LEADERS = (LOGIN, 403, 403, 403, 200, 200, 403, 403)  # the leaders' dashboards
NONE_TAKE_IT = (LOGIN, 403, *(NOT_ALLOWED,) * 5, 403)
NONE_TAKE_IT_OPEN = (LOGIN, 403, *(NOT_ALLOWED,) * 6)  # on a view open to enterprises
REVIEWERS = (LOGIN, 403, 403, 403, 403, 200, 200, 403)  # the review page: 审核人 and admins
ADMINS = (LOGIN, 302, 302, 302, 302, 200, 302, 302)  # the Django admin sends others to its login

MATRIX = [
    # the portal: leaders and admins land on the overview, staff on their weekly list
    Row("GET", "/", (LOGIN, 403, 302, 302, 200, 200, 302, 302)),
    Row("POST", "/", NONE_TAKE_IT_OPEN),
    Row("GET", "/api/summary/", EVERYONE),
    Row("POST", "/api/summary/", NONE_TAKE_IT),
    Row("GET", "/accounts/password-change/", (LOGIN, *(200,) * 7)),
    Row("GET", "/accounts/password-change/done/", (LOGIN, *(200,) * 7)),
    Row("POST", "/accounts/logout/", (LOGIN, *(302,) * 7)),
    # uploads: readers of the record only
    Row("GET", "/media/{photo_file}", (LOGIN, 404, 200, 404, 200, 200, 200, 404)),
    Row("POST", "/media/{photo_file}", (LOGIN, *(405,) * 7)),
    # archive (staff: own department; leaders write only 批示) and restore (admins)
    Row("POST", "/archive/project/{project}/", OWN_WRITE),
    Row("POST", "/archive/problem/{problem}/", OWN_WRITE),
    Row("POST", "/archive/competition-entry/{entry}/", OWN_WRITE),
    Row("POST", "/archive/key-enterprise/{key_enterprise}/", OWN_WRITE),
    Row("GET", "/archive/project/{project}/", NONE_TAKE_IT),
    Row(
        "POST", "/restore/project/{archived_project}/", (LOGIN, 403, 403, 403, 403, MOVED, 403, 403)
    ),
    # weekly entry (本周填报)
    Row("GET", "/report/", ENTRY_PAGE),
    Row(
        "POST",
        "/report/",
        (LOGIN, 403, NOT_ALLOWED, NOT_ALLOWED, 403, NOT_ALLOWED, 403, NOT_ALLOWED),
    ),
    Row("GET", "/report/week/", ENTRY_PAGE),
    # another unit's staff: their page offers no row, so the posted row count is refused (400)
    Row("POST", "/report/week/", (LOGIN, 403, MOVED, 400, 403, MOVED, 403, 404), _batch),
    Row(
        "POST",
        "/report/week/",
        (LOGIN, 403, MOVED, 400, 403, MOVED, 403, MOVED),
        _entry_batch("entry"),
    ),
    Row(
        "POST",
        "/report/week/",
        (LOGIN, 403, MOVED, 400, 403, MOVED, 403, 404),
        _entry_batch("other_entry"),
    ),
    Row("GET", "/report/review/", REVIEWERS),
    Row("POST", "/report/review/", (LOGIN, 403, 403, 403, 403, MOVED, MOVED, 403), _review),
    Row("GET", "/report/evaluations/", WRITERS_PAGE),
    Row("POST", "/report/evaluations/", OWN_WRITE, _evaluation),
    # plan items marked done, and their evidence
    Row("GET", "/report/done/decision/{decision}/", (LOGIN, 403, 200, 404, 403, 200, 403, 403)),
    Row("POST", "/report/done/decision/{decision}/", OWN_WRITE, _done("decision")),
    Row("POST", "/report/done/power/{power_item}/", OWN_WRITE, _done("power_item")),
    Row("POST", "/report/done/milestone/{milestone}/", OWN_WRITE, _done("milestone")),
    Row("POST", "/report/done/task/{task}/", OWN_WRITE, _done("task")),
    Row("GET", "/report/done/decision/{decision}/evidence/", OWN_DEPARTMENT),
    Row("POST", "/report/done/decision/{decision}/evidence/", NONE_TAKE_IT),
    # item pages: projects
    Row("GET", "/projects/{project}/", ITEM_PAGE),
    Row("POST", "/projects/{project}/", NONE_TAKE_IT_OPEN),
    Row("POST", "/projects/{project}/photos/", OPEN_WRITE, _photo),
    Row("GET", "/projects/{project}/photos/", NONE_TAKE_IT_OPEN),
    Row("GET", "/projects/{project}/photos/{photo}/full/", ITEM_PAGE),
    Row("GET", "/projects/{project}/photos/{photo}/thumb/", ITEM_PAGE),
    Row("POST", "/projects/{project}/instructions/", INSTRUCT, _instruction),
    # the 进度计划 editor: the unit's staff and admins (an enterprise account reads only)
    Row("POST", "/projects/{project}/schedule/", OWN_WRITE, _schedule("project")),
    Row("GET", "/projects/{project}/schedule/", NONE_TAKE_IT_OPEN),
    Row("POST", "/projects/{project}/schedule/nodes/", OWN_WRITE, _nodes),
    Row("GET", "/projects/{project}/schedule/nodes/", NONE_TAKE_IT_OPEN),
    # item pages: 争先杯 entries
    Row("GET", "/enterprises/entries/{entry}/", ENTERPRISE_OWN),
    Row("GET", "/enterprises/entries/{other_entry}/", ITEM_PAGE),
    Row("POST", "/enterprises/entries/{entry}/photos/", ENTERPRISE_WRITE, _photo),
    Row("GET", "/enterprises/entries/{entry}/photos/{entry_photo}/full/", ENTERPRISE_OWN),
    Row("POST", "/enterprises/entries/{entry}/instructions/", INSTRUCT, _instruction),
    Row("POST", "/enterprises/entries/{entry}/schedule/", OWN_WRITE, _schedule("entry")),
    Row("POST", "/enterprises/entries/{entry}/schedule/nodes/", OWN_WRITE, _nodes),
    Row(
        "POST",
        "/enterprises/entries/{entry}/goal/",
        ENTERPRISE_WRITE,
        lambda world: {"version": world["entry"].version, "achieved_on": _today()},
    ),
    Row("GET", "/enterprises/entries/{entry}/goal/", NONE_TAKE_IT_OPEN),
    # problems: raised from a project or an enterprise, then worked on by their department
    Row(
        "GET",
        "/enterprises/problems/new/?project={project}",
        (LOGIN, 403, 200, 404, 403, 200, 403, 404),
    ),
    Row(
        "GET",
        # another unit's staff may not raise problems on enterprises their unit does not serve
        "/enterprises/problems/new/?enterprise={own_enterprise}",
        (LOGIN, 403, 200, 404, 403, 200, 403, 200),
    ),
    Row(
        "GET",
        # another unit's staff may not raise problems on enterprises their unit does not serve
        "/enterprises/problems/new/?enterprise={other_enterprise}",
        (LOGIN, 403, 200, 404, 403, 200, 403, 404),
    ),
    Row("POST", "/enterprises/problems/new/", OPEN_WRITE, _problem),
    Row("GET", "/enterprises/problems/{problem}/", ENTERPRISE_OWN),
    Row("GET", "/enterprises/problems/{other_problem}/", ITEM_PAGE),
    Row("POST", "/enterprises/problems/{problem}/", OWN_WRITE, _problem_progress),
    # key enterprises and their service visits
    Row("GET", "/enterprises/key/", EVERYONE),
    Row("POST", "/enterprises/key/", NONE_TAKE_IT),
    Row("GET", "/enterprises/key/{key_enterprise}/", OWN_DEPARTMENT),
    Row("POST", "/enterprises/key/{key_enterprise}/", OWN_WRITE, _visit),
    # campaign-wide registers: 推介会, 出让土地
    Row("GET", "/enterprises/promotions/", EVERYONE),
    Row("POST", "/enterprises/promotions/", OWN_WRITE, _promotion),
    Row("GET", "/enterprises/land/", EVERYONE),
    Row("POST", "/enterprises/land/", ANY_WRITER, _land_transfer),
    # topics: meetings and their 议定事项, land filings, approvals
    Row("GET", "/topics/meetings/", EVERYONE),
    Row("POST", "/topics/meetings/", NONE_TAKE_IT),
    Row("GET", "/topics/meetings/new/", WRITERS_PAGE),
    Row("POST", "/topics/meetings/new/", ANY_WRITER, _meeting),
    Row("GET", "/topics/land/", EVERYONE),
    Row("POST", "/topics/land/", OWN_WRITE, _land_filing),
    Row("GET", "/topics/approvals/", EVERYONE),
    Row("POST", "/topics/approvals/", OWN_WRITE, _approval),
    # the leaders' dashboards (the overview is `/`)
    Row("GET", "/dashboards/phases/advance/", LEADERS),
    Row("GET", "/dashboards/departments/", LEADERS),
    Row("GET", "/dashboards/departments/assessment.xlsx", LEADERS),  # every unit's 考核
    Row(
        "POST",
        "/dashboards/departments/assessment.xlsx",
        (LOGIN, 403, 403, 403, 405, 405, 403, 403),
    ),
    Row("GET", "/dashboards/departments/{department}/", (LOGIN, 403, 200, 404, 200, 200, 200, 403)),
    Row("GET", "/dashboards/league/", LEADERS),
    Row("GET", "/dashboards/screen/", LEADERS),
    Row("GET", "/dashboards/map/", LEADERS),
    # only the admin places pins
    Row("POST", "/dashboards/map/", (LOGIN, 403, 403, 403, 403, MOVED, 403, 403), {}),
    # the world has no plan image uploaded: past the role check, a 404
    Row("GET", "/dashboards/map/plan-image/", (LOGIN, 403, 403, 403, 404, 404, 403, 403)),
    Row("GET", "/dashboards/briefing/", LEADERS),
    Row("POST", "/dashboards/briefing/", (LOGIN, 403, 403, 403, 405, 405, 403, 403)),
    Row("GET", "/dashboards/briefing.xlsx", LEADERS),
    Row("GET", "/dashboards/lagging/", LEADERS),
    Row("GET", "/dashboards/missing/", LEADERS),
    Row("POST", "/dashboards/instructions/", INSTRUCT, _instruction),
    Row("GET", "/dashboards/instructions/", NONE_TAKE_IT),
    # the in-app inbox (站内消息): everyone with a role, their own messages only
    Row("GET", "/messages/", (LOGIN, 403, *(200,) * 6)),
    Row("POST", "/messages/", (LOGIN, 403, *(MOVED,) * 6)),
    Row("POST", "/messages/{message}/read/", (LOGIN, 403, *(MOVED,) * 6)),
    Row("GET", "/messages/{message}/read/", NONE_TAKE_IT_OPEN),
    # 督办: leaders and admins every 督办单, a unit's staff and 审核人 their own; the unit
    # answers, a leader closes
    Row("GET", "/supervision/", (LOGIN, 403, 200, 200, 200, 200, 200, 403)),
    Row("GET", "/supervision/{supervision}/", (LOGIN, 403, 200, 404, 200, 200, 200, 403)),
    Row(
        "POST",
        "/supervision/{supervision}/",
        (LOGIN, 403, MOVED, 404, 403, MOVED, 403, 403),
        lambda world: {
            "measures": "倒排工期，加派人手",
            "promised_on": world["campaign"].end_date.isoformat(),
        },
    ),
    Row(
        "POST",
        "/supervision/{supervision}/",
        (LOGIN, 403, 403, 404, MOVED, MOVED, 403, 403),
        {"close_note": "已现场核实"},
    ),
    # the Django admin: admins only; the others are sent to the admin's login page
    Row("GET", "/admin/", ADMINS),
    Row("GET", "/admin/projects/project/", ADMINS),
    Row("GET", "/admin/projects/project/{project}/change/", ADMINS),
    Row("GET", "/admin/projects/project/{project}/history/", ADMINS),
    Row(
        "POST",
        "/admin/projects/project/{project}/delete/",
        (LOGIN, 302, 302, 302, 302, MOVED, 302, 302),  # only a superuser hard-deletes
        {"post": "yes"},
    ),
    Row("GET", "/admin/auth/user/", ADMINS),
    # Excel: the annexes' import, export in the county's layout, and blank templates
    Row("GET", "/admin/projects/project/import/", ADMINS),
    Row("GET", "/admin/projects/project/annex-export/1/", ADMINS),
    Row("GET", "/admin/projects/project/annex-template/1/", ADMINS),
    Row(
        "GET",
        "/admin/projects/project/annex-template/2/",
        (LOGIN, 302, 302, 302, 302, 403, 302, 302),
    ),
    Row("GET", "/admin/enterprises/competitionentry/annex-export/2/", ADMINS),
    Row("GET", "/admin/enterprises/keyenterprise/annex-template/4/", ADMINS),
]


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
    for role, status in zip(ROLES, row.expected, strict=True)
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
    assert all(len(row.expected) == len(ROLES) for row in MATRIX)


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
