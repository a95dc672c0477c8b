"""The width walk: every page of the portal, as each role that uses it, at a phone's 375 px and a
desktop's 1440 px, in a real headless Chromium, on the demo data. A page fails when the document
scrolls sideways, when anything sticks out of the viewport other than inside a box that scrolls
on its own (wide tables), when a button's or link's text is cut, when a chart label falls outside
its chart, on a console error, or on a request that fails or answers 4xx/5xx.

One browser, one page per role, the demo seeded once: the walk is one test that reports every
problem it finds at the end."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from baidays.demo.seed import seed_demo
from core.models import Department, PhaseTask
from enterprises.models import CompetitionEntry, EnterpriseAccount, KeyEnterprise, Problem
from projects.models import Project
from supervision.models import Supervision
from supervision.services import supervise
from tests.baidays.phone import LAYOUT_PROBLEMS
from topics.models import Decision, PowerItem

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WIDTHS = (375, 1440)
PASSWORD = "width-walk-1"

# The named routes that are not pages a person reads: form targets, files, JSON, the admin's.
NOT_PAGES = {
    "healthz": "health check",
    "api-summary": "JSON",
    "media": "uploaded files",
    "archive-item": "POST only",
    "restore-item": "POST only",
    "logout": "POST only",
    "dashboards:briefing-xlsx": "Excel download",
    "dashboards:assessment-xlsx": "Excel download",
    "dashboards:park-plan-image": "image file",
    "dashboards:instruction-create": "POST only",
    "weekly:evidence": "file download",
    "supervision:evidence": "file download",
    "projects:photo-upload": "POST only",
    "projects:photo-file": "image file",
    "projects:instruct": "POST only",
    "enterprises:entry-photo": "POST only",
    "enterprises:entry-photo-file": "image file",
    "enterprises:entry-instruct": "POST only",
    "enterprises:entry-goal": "POST only",
    "projects:schedule": "POST only",
    "projects:schedule-nodes": "POST only",
    "enterprises:entry-schedule": "POST only",
    "enterprises:entry-schedule-nodes": "POST only",
    "notify:read": "POST only",
    "password_reset_confirm": "needs a mailed token",
    "password_reset_done": "after the reset form",
    "password_reset_complete": "after the reset",
    "password_change_done": "after the change",
    "documents:briefing": ".docx download",
    "documents:summary": ".docx download",
    "documents:supervision": ".docx download",
    "security:audit-export": "Excel download",
    "closing:narrative-issue": "POST only",
    "closing:supervision-receipt": "POST only",
    "closing:follow-up-complete": "POST only",
    "closing:feedback-link-issue": "POST only",
    # pages walked at 375 and 1440 px by their own loops' browser tests, with the objects and
    # accounts they need (a drafted 工作小结, a signed link, an enrolling or audit account)
    "closing:summary": "tests/baidays/closing/test_closing_on_demo.py",
    "closing:feedback-answer": "tests/baidays/closing/test_feedback.py",
    "closing:feedback-link": "tests/baidays/closing/test_feedback.py",
    "security:otp-setup": "tests/baidays/security/test_browser_second_factor.py",
    "security:otp-verify": "tests/baidays/security/test_browser_second_factor.py",
    "security:audit-log": "tests/baidays/security/test_browser_audit_log.py",
}


def _names(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from _names(entry.url_patterns, inner or None)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def _walk_plan(campaign):
    """(route name, url) per role: every page each role opens in the demo."""
    from django.urls import reverse

    unit = Department.objects.get(name="园区建设科")
    own_project = Project.objects.filter(campaign=campaign, responsible_department=unit).first()
    any_project = Project.objects.filter(campaign=campaign).order_by("pk").first()
    entry = CompetitionEntry.objects.filter(campaign=campaign).order_by("pk").first()
    own_entry = EnterpriseAccount.objects.get(person__user__username="enterprise").enterprise
    own_entry = CompetitionEntry.objects.filter(campaign=campaign, enterprise=own_entry).first()
    key = KeyEnterprise.objects.filter(campaign=campaign).order_by("pk").first()
    problem = Problem.objects.filter(campaign=campaign, responsible_department=unit).first()
    power_unit = Department.objects.get(name="园区电力办")
    decision = Decision.objects.filter(
        meeting__campaign=campaign, responsible_department=power_unit
    ).first()
    power = PowerItem.objects.filter(campaign=campaign, responsible_department=power_unit).first()
    task = PhaseTask.objects.filter(phase__campaign=campaign, responsible_department=unit).first()
    scope = f"?campaign={campaign.slug}"

    def at(name, *args, query=scope):
        return (name, reverse(name, args=args) + query)

    dashboards = [
        at("home"),
        at("dashboards:phase", "mobilize"),
        at("dashboards:phase", "advance"),
        at("dashboards:phase", "summarize"),
        at("dashboards:departments"),
        at("dashboards:department", unit.pk),
        at("dashboards:league"),
        at("dashboards:screen"),
        at("dashboards:briefing"),
        at("dashboards:lagging"),
        at("dashboards:lagging", query=scope + "&kind=entry"),
        at("dashboards:missing"),
        at("dashboards:park-map"),
        at("dashboards:search", query=scope + "&q=园区"),
        at("closing:narrative", 1),
        at("closing:summaries"),
        at("closing:lookback"),
        at("closing:feedback"),
    ]
    notice = Supervision.objects.filter(campaign=campaign).order_by("pk").first()
    reading = [
        at("projects:detail", any_project.pk),
        at("enterprises:entry-detail", entry.pk),
        at("enterprises:key-list"),
        at("enterprises:key-detail", key.pk),
        at("enterprises:promotions"),
        at("enterprises:land"),
        at("topics:meetings"),
        at("topics:land"),
        at("topics:approvals"),
        at("notify:inbox"),
        at("password_change"),
        at("supervision:list"),
    ]
    writing = [
        at("weekly:home", query=""),
        at("weekly:batch", query=""),
        at("weekly:evaluations", query=""),
        at("weekly:done", "task", task.pk, query=""),
        at("enterprises:problem-new", query=f"?project={own_project.pk}"),
        at("enterprises:problem-edit", problem.pk, query=""),
        at("topics:meeting-new", query=""),
        at("projects:detail", own_project.pk),
        at("dashboards:department", unit.pk),
        at("enterprises:key-list"),
        at("topics:meetings"),
        at("notify:inbox"),
    ]
    if notice is not None:
        reading.append(at("supervision:notice", notice.pk, query=""))
    return {
        "leader": dashboards + reading,
        "admin": dashboards + reading + [at("weekly:home", query="")],
        "staff": writing,
        "staff2": [
            at("weekly:home", query=""),
            at("weekly:done", "decision", decision.pk, query=""),
            at("weekly:done", "power", power.pk, query=""),
        ],
        "reviewer": [
            at("weekly:review", query=""),
            at("dashboards:department", unit.pk),
            at("projects:detail", own_project.pk),
        ],
        "enterprise": [
            at("weekly:home", query=""),
            at("weekly:batch", query=""),
            at("enterprises:entry-detail", own_entry.pk),
            at("dashboards:search", query="?q=有限公司"),
        ],
        None: [at("login", query=""), at("password_reset", query="")],
    }


def _open_as(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"控制台：{m.text}"))
    page.on("pageerror", lambda exc: page.problems.append(f"脚本错误：{exc}"))
    # ERR_ABORTED is the walk itself moving on before the favicon arrived, not a failure
    page.on(
        "requestfailed",
        lambda r: (
            r.failure != "net::ERR_ABORTED"
            and page.problems.append(f"请求失败：{r.url}（{r.failure}）")
        ),
    )
    page.on(
        "response",
        lambda r: r.status >= 400 and page.problems.append(f"请求 {r.status}：{r.url}"),
    )
    if username:
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("load")
    return context, page


def test_every_page_fits_375_and_1440_px_for_every_role(chromium, live_server):
    from django.contrib.auth import get_user_model

    campaign, _users = seed_demo(password=PASSWORD)
    supervise(campaign=campaign, as_of=timezone.localdate())  # the demo's red items get 督办单
    get_user_model().objects.filter(username="enterprise").update(is_active=True)
    plan = _walk_plan(campaign)

    walked = {name for routes in plan.values() for name, _url in routes}
    unwalked = set(_names(get_resolver().url_patterns)) - walked - set(NOT_PAGES)
    assert unwalked == set(), f"宽度检查未覆盖的页面：{sorted(unwalked)}"

    failures = []
    for role, routes in plan.items():
        context, page = _open_as(chromium, live_server, role)
        try:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                for _name, url in routes:
                    page.problems.clear()
                    response = page.goto(url, wait_until="load")
                    if response is None or response.status != 200:
                        status = response and response.status
                        failures.append(f"{role} {width}px {url}: 状态 {status}")
                        continue
                    found = page.evaluate(LAYOUT_PROBLEMS) + page.problems
                    failures.extend(f"{role} {width}px {url}: {problem}" for problem in found)
        finally:
            context.close()
    assert failures == [], "\n".join(failures)
