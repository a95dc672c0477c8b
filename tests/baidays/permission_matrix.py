"""The permission matrix as data: every row a route and method, every column a role (ROLES),
every cell the status that role must get; tests/baidays/test_urls_permission_matrix.py runs it.
A new view is one more row."""

from collections.abc import Callable
from typing import NamedTuple

from tests.baidays.permission_payloads import (
    _approval,
    _batch,
    _done,
    _entry_batch,
    _evaluation,
    _instruction,
    _land_filing,
    _land_transfer,
    _meeting,
    _nodes,
    _photo,
    _problem,
    _problem_progress,
    _promotion,
    _review,
    _schedule,
    _today,
    _visit,
)

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
        OWN_WRITE,  # the 管委会 side confirms goals: never the enterprise itself (22 #7)
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
    # the navbar's search: every role, each among what it may see
    Row("GET", "/dashboards/search/?q=项目", (LOGIN, 403, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/dashboards/search/", (LOGIN, 403, *(NOT_ALLOWED,) * 6)),
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
    # the answer's 佐证材料: whoever reads the 督办单
    Row(
        "GET",
        "/supervision/{supervision}/evidence/",
        (LOGIN, 403, 200, 404, 200, 200, 200, 403),
    ),
    Row("POST", "/supervision/{supervision}/evidence/", NONE_TAKE_IT),
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
    # the 督办通知单's 签收: a person of the responsible unit (staff or 审核人), once
    Row(
        "POST",
        "/closing/supervision/{supervision}/receipt/",
        (LOGIN, 403, MOVED, 404, 403, 403, MOVED, 403),
    ),
    Row("GET", "/closing/supervision/{supervision}/receipt/", (LOGIN, 403, *(405,) * 5, 403)),
    # the briefing's narrative: leaders and the office read it, the office (admin) writes it,
    # a leader 签发 it (an unwritten one is refused on the page: 200 with the reason)
    Row("GET", "/closing/briefing/1/", LEADERS),
    Row(
        "POST",
        "/closing/briefing/1/",
        (LOGIN, 403, 403, 403, 403, MOVED, 403, 403),
        {"progress": "一是开工", "problems": "", "next_steps": ""},
    ),
    Row("POST", "/closing/briefing/1/issue/", (LOGIN, 403, 403, 403, 200, 403, 403, 403)),
    Row("GET", "/closing/briefing/1/issue/", (LOGIN, 403, 403, 403, 404, 404, 403, 403)),
    # 下载公文: the .docx of the briefing (leaders and the office), of a 督办通知单 (its readers)
    Row("GET", "/documents/briefing.docx", LEADERS),
    Row("POST", "/documents/briefing.docx", NONE_TAKE_IT),
    Row(
        "GET",
        "/documents/supervision/{supervision}.docx",
        (LOGIN, 403, 200, 404, 200, 200, 200, 403),
    ),
    # 工作小结: leaders and the office read it, the office drafts, edits and reports it, a leader
    # 签发 it (the draft of a fresh world has no sections yet: 签发 is refused with its reason)
    Row("GET", "/closing/summary/", LEADERS),
    Row("POST", "/closing/summary/", (LOGIN, 403, 403, 403, 403, MOVED, 403, 403)),
    Row("GET", "/closing/summary/{work_summary}/", LEADERS),
    Row(
        "POST",
        "/closing/summary/{work_summary}/",
        (LOGIN, 403, 403, 403, 403, MOVED, 403, 403),
        {"action": "edit", "practices": "一", "problems": "二", "next_steps": "三"},
    ),
    Row(
        "POST",
        "/closing/summary/{work_summary}/",
        (LOGIN, 403, 403, 403, MOVED, 403, 403, 403),
        {"action": "issue"},
    ),
    Row("GET", "/documents/summary/{work_summary}.docx", LEADERS),
    Row("POST", "/documents/summary/{work_summary}.docx", NONE_TAKE_IT),
    Row("POST", "/documents/supervision/{supervision}.docx", NONE_TAKE_IT),
    # 回头看: everyone with a role reads its rows, the office makes the list, the unit 办结
    Row("GET", "/closing/lookback/", EVERYONE),
    Row("POST", "/closing/lookback/", (LOGIN, 403, 403, 403, 403, MOVED, 403, 403)),
    Row(
        "POST",
        "/closing/lookback/{follow_up}/complete/",
        (LOGIN, 403, MOVED, 404, 403, MOVED, 403, 403),
        lambda world: {"completed_on": _today(), "result": "已整改"},
    ),
    Row("GET", "/closing/lookback/{follow_up}/complete/", (LOGIN, 403, *(405,) * 5, 403)),
    # 反馈与意见征集: the office sends and records, leaders read the results, an enterprise
    # account answers its own; the signed link is open to anyone holding a valid one
    Row("GET", "/closing/feedback/", (LOGIN, 403, 403, 403, 200, 200, 403, 200)),
    Row("POST", "/closing/feedback/", (LOGIN, 403, 403, 403, 403, MOVED, 403, 403)),
    Row(
        "POST",
        "/closing/feedback/{feedback_request}/link/",
        (LOGIN, 403, 403, 403, 403, 200, 403, 403),
    ),
    Row("GET", "/closing/feedback/{feedback_request}/link/", (LOGIN, 403, *(405,) * 5, 403)),
    Row(
        "GET",
        "/closing/feedback/{feedback_request}/answer/",
        (LOGIN, 403, 403, 403, 403, 200, 403, 200),
    ),
    Row(
        "POST",
        "/closing/feedback/{feedback_request}/answer/",
        (LOGIN, 403, 403, 403, 403, MOVED, 403, MOVED),
        lambda world: {
            "efficiency": "5",
            "attitude": "5",
            "solving": "4",
            "respondent": "王经理",
            "answered_on": _today(),
        },
    ),
    Row("GET", "/closing/feedback/link/not-a-link/", (404,) * 8),
    Row("POST", "/closing/feedback/link/not-a-link/", (404,) * 8),
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
