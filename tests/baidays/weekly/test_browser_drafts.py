"""Typed work kept (issue 14, item 13), in a real headless Chromium: the batch form keeps a
draft in localStorage per user, item and week, asks before the page is left with unsaved
changes, keeps the values through an expired session and a new login (restored with a
notice), and forgets the draft once the week is saved."""

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from projects.models import ProjectReport
from tests import factories as f
from tests.baidays.weekly.support import project_for, running_campaign
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def drafts(page):
    return page.evaluate(
        "Object.keys(localStorage).filter(key => key.startsWith('baidays-draft:'))"
    )


def test_typed_values_survive_leaving_an_expired_session_and_a_new_login(
    page, staff_user, department
):
    campaign = running_campaign()
    project = project_for(campaign, department, name="纬二路道路工程")
    week = campaign.week_of(timezone.localdate())
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    browser_login(page, "staff")
    page.goto("/report/week/")
    page.fill("#id_form-0-week_investment_wan", "7.50")
    page.fill("#id_form-0-percent_complete", "15")
    page.fill("#id_form-0-problems", "塔吊待验收")
    key = f"baidays-draft:u{staff_user.pk}:c{campaign.pk}:w{week}:project-{project.pk}"
    assert drafts(page) == [key]

    page.click("a:has-text('返回')")  # leaving with unsaved changes asks first
    assert dialogs == ["beforeunload"]
    assert "/report/week/" in page.url  # dismissed: still on the form, values still there
    assert page.input_value("#id_form-0-problems") == "塔吊待验收"

    Session.objects.all().delete()  # the session expires while the clerk is typing
    page.click("button:has-text('保存第')")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" in page.url
    assert page.is_visible("[data-draft-login-notice]")
    assert "尚未保存的内容仍保存在本浏览器中" in page.inner_text("[data-draft-login-notice]")
    assert not ProjectReport.objects.exists()

    page.fill("#id_username", "staff")
    page.fill("#id_password", "test-password-123")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/report/week/" in page.url  # back to the form the login interrupted
    assert "已恢复您在本浏览器中尚未保存的填写内容（1 个项目" in page.inner_text(
        "[data-testid=draft-restored]"
    )
    assert page.input_value("#id_form-0-week_investment_wan") == "7.50"
    assert page.input_value("#id_form-0-problems") == "塔吊待验收"

    page.click("button:has-text('保存第')")
    page.wait_for_load_state("networkidle")
    assert "周报已保存" in page.content()
    assert drafts(page) == []  # a successful save forgets the draft
    report = ProjectReport.objects.get()
    assert (str(report.week_investment_wan), report.problems) == ("7.50", "塔吊待验收")
    page.goto("/report/week/")
    assert page.locator("[data-testid=draft-restored]").count() == 0
    assert dialogs == ["beforeunload"]  # submitting never asked
    assert page.console_errors == []  # no CSP violation, no script error


def test_a_draft_of_a_row_saved_elsewhere_meanwhile_is_dropped(page, staff_user, department):
    campaign = running_campaign()
    project = project_for(campaign, department)
    browser_login(page, "staff")
    page.goto("/report/week/")
    page.on("dialog", lambda dialog: dialog.accept())
    page.fill("#id_form-0-week_investment_wan", "3")
    assert len(drafts(page)) == 1
    f.ProjectReportFactory(project=project, report_week=campaign.week_of(timezone.localdate()))
    page.goto("/report/week/")  # the row's version moved: the old draft would overwrite it
    assert page.locator("[data-testid=draft-restored]").count() == 0
    assert drafts(page) == []
