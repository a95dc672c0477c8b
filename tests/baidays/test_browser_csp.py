"""The Content Security Policy blocks nothing the portal and the admin need: a real Chromium
reports every CSP violation as a console error."""

import pytest

from tests import factories as f
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_home_and_admin_pages_run_under_the_csp(page, admin_user):
    project = f.ProjectFactory(campaign=f.CampaignFactory(slug="2026"))
    browser_login(page, "admin")
    for url in [
        "/",
        "/admin/",
        "/admin/projects/project/",
        f"/admin/projects/project/{project.pk}/change/",
        f"/admin/projects/project/{project.pk}/history/",
        "/accounts/password-change/",
    ]:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, url
        assert "content-security-policy" in response.headers
    assert page.console_errors == []


def test_an_injected_inline_script_is_blocked(page, admin_user):
    browser_login(page, "admin")
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in e for e in page.console_errors)


def test_every_portal_page_runs_under_the_csp(page, admin_user):
    """The pages the weekly entry, the item pages, the topics and the dashboards brought, with
    their charts and scripts, as an admin (who may open all of them)."""
    from tests.baidays.weekly.support import running_campaign

    campaign = running_campaign()
    phase = f.PhaseFactory(
        campaign=campaign, start_date=campaign.start_date, end_date=campaign.end_date
    )
    project = f.ProjectFactory(campaign=campaign)
    f.ProjectReportFactory(project=project, report_week=1)
    entry = f.CompetitionEntryFactory(campaign=campaign)
    key = f.KeyEnterpriseFactory(campaign=campaign)
    problem = f.ProblemFactory(campaign=campaign, project=project)
    decision = f.DecisionFactory(meeting=f.TopicMeetingFactory(campaign=campaign))
    browser_login(page, "admin")
    for url in [
        "/report/",
        "/report/week/",
        "/report/evaluations/",
        f"/report/done/decision/{decision.pk}/",
        f"/projects/{project.pk}/",
        f"/enterprises/entries/{entry.pk}/",
        "/enterprises/key/",
        f"/enterprises/key/{key.pk}/",
        f"/enterprises/problems/{problem.pk}/",
        f"/enterprises/problems/new/?project={project.pk}",
        "/enterprises/promotions/",
        "/enterprises/land/",
        "/topics/meetings/",
        "/topics/meetings/new/",
        "/topics/land/",
        "/topics/approvals/",
        f"/dashboards/phases/{phase.kind}/",
        "/dashboards/departments/",
        f"/dashboards/departments/{project.responsible_department_id}/",
        "/dashboards/league/",
        "/dashboards/screen/",
        "/dashboards/briefing/",
        "/dashboards/lagging/",
        "/dashboards/missing/",
    ]:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, url
    assert page.console_errors == []


def test_the_week_picker_and_the_print_button_work_without_inline_handlers(page, admin_user):
    from tests.baidays.weekly.support import running_campaign

    campaign = running_campaign()
    f.ProjectFactory(campaign=campaign)
    browser_login(page, "admin")
    page.goto("/report/week/")
    page.select_option("#week-select", "2")
    page.wait_for_url("**/report/week/?week=2")
    assert "第 2 周进度填报" in page.inner_text("h1")
    page.goto("/dashboards/briefing/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("[data-print]")
    assert page.evaluate("() => window.printed") == 1
    assert page.console_errors == []
