"""Each weekly loop, whole, in a real headless Chromium at a phone's 375 px and a desktop's
1440 px, asserting what each person sees at each step, and on every page a person uses at
375 px that it is usable with a thumb (tests/baidays/phone.py):

- a report returned: the staff member sees the reason on 本周填报, corrects it, the reviewer
  approves, and the figure counts;
- a 督办 answer saved, edited again (the 承诺完成日期 survives), its evidence opened by a leader;
- an enterprise's 诉求 assigned by its unit, answered, seen and rated by the enterprise."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from baidays.weekly.models import ReviewSetting
from core.choices import ReportState
from enterprises.models import Problem
from projects.models import ProjectReport
from supervision.models import Supervision
from tests.baidays.phone import assert_usable, usability_problems
from tests.baidays.weekly.support import entry_for, project_for, running_campaign
from tests.conftest import browser_login
from tests.factories_supervision import SupervisionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
WIDTHS = pytest.mark.parametrize("width", [375, 1440], ids=["phone", "desktop"])


@pytest.fixture
def person(chromium, live_server):
    """person(username, width): a logged-in page of its own browser context."""
    contexts = []

    def open_as(username, width):
        context = chromium.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            viewport={"width": width, "height": 900},
            accept_downloads=True,
        )
        contexts.append(context)
        new_page = context.new_page()
        new_page.console_errors = []
        new_page.on(
            "console",
            lambda msg: msg.type == "error" and new_page.console_errors.append(msg.text),
        )
        new_page.on("pageerror", lambda exc: new_page.console_errors.append(str(exc)))
        browser_login(new_page, username)
        return new_page

    yield open_as
    for context in contexts:
        context.close()


def go(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    assert_usable(page)


def submit(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")
    assert_usable(page)


def test_the_usability_check_finds_what_stops_a_thumb(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.set_content(
        "<button style='width:30px;height:20px'>小</button>"
        "<input style='position:absolute;left:360px;width:100px;height:50px'>"
        "<table><tr><td style='width:10px;max-width:10px'>单元格内容</td><td>x</td></tr></table>"
    )
    problems = " ".join(usability_problems(page))
    assert "至少 44px" in problems
    assert "不在屏幕内" in problems
    assert "不足四个汉字" in problems


def _staff_reports_the_week(staff, row):
    """The staff member lands on 每周填报 and saves the week: it waits for review, uncounted."""
    assert staff.url.endswith("/report/")
    assert_usable(staff)
    go(staff, "/report/week/")
    staff.fill("#id_form-0-week_investment_wan", "12.50")
    staff.fill("#id_form-0-percent_complete", "18")
    submit(staff, "button:has-text('保存第')")
    assert "已填报，待审核" in staff.inner_text(row)
    assert staff.inner_text(f"{row} [data-testid=counted-wan]") == "0.00"
    assert "另有待审核或退回 12.50 万元未计入" in staff.inner_text(row)


def _reviewer_returns_it(reviewer, key):
    """A return without a reason is refused with the choice kept; with one it is returned."""
    assert reviewer.url.endswith("/report/review/")  # the reviewer lands on 周报审核
    assert_usable(reviewer)
    reviewer.click(f"label[for='return-{key}']")
    submit(reviewer, "button:has-text('提交审核')")
    assert "必须写明原因" in reviewer.inner_text("[data-testid=review-errors]")
    assert reviewer.is_checked(f"#return-{key}")  # the choice made is kept
    # the refused submission answers 400, which the browser logs; nothing else may be logged
    assert [e for e in reviewer.console_errors if "400" not in e] == []
    reviewer.console_errors.clear()
    reviewer.fill(f"textarea[name='reason-{key}']", "本周投资与监理台账不符，请核对后重报")
    submit(reviewer, "button:has-text('提交审核')")
    assert "退回 1 份" in reviewer.content()
    assert "本周投资与监理台账不符" in reviewer.inner_text(f"[data-report='{key}']")


def _staff_is_told_and_corrects_it(staff, row):
    """The return shows on 每周填报 and in 消息 at once; 去修改 opens the week with the reason."""
    go(staff, "/report/")
    assert "已退回" in staff.inner_text(f"{row} [data-testid=report-state]")
    assert "退回原因：本周投资与监理台账不符，请核对后重报" in staff.inner_text(row)
    assert staff.inner_text("[data-testid=left-count]") == "1"
    assert staff.inner_text("[data-testid=unread-count]") == "1"  # told at once
    go(staff, "/messages/")
    assert "本周投资与监理台账不符" in staff.inner_text("[data-testid=message]")
    go(staff, "/report/")
    staff.click(f"{row} a:has-text('去修改')")
    staff.wait_for_load_state("networkidle")
    assert_usable(staff)
    assert "本周投资与监理台账不符" in staff.inner_text("[data-testid=return-reason]")
    staff.fill("#id_form-0-week_investment_wan", "10.00")
    submit(staff, "button:has-text('保存第')")
    assert "已填报，待审核" in staff.inner_text(row)


@WIDTHS
def test_a_returned_report_is_corrected_approved_and_counts(
    person, staff_user, reviewer_user, leader_user, department, width
):
    campaign = running_campaign()
    ReviewSetting.objects.create(campaign=campaign, reports_need_review=True)
    project = project_for(campaign, department, name="纬二路道路工程")
    row = f"[data-item='project-{project.pk}']"

    staff = person("staff", width)
    _staff_reports_the_week(staff, row)
    reviewer = person("reviewer", width)
    report = ProjectReport.objects.get(project=project)
    key = f"project-{report.pk}"
    _reviewer_returns_it(reviewer, key)
    _staff_is_told_and_corrects_it(staff, row)

    go(reviewer, "/report/review/")
    reviewer.click(f"label[for='approve-{key}']")
    submit(reviewer, "button:has-text('提交审核')")
    assert ProjectReport.objects.get(pk=report.pk).state == ReportState.APPROVED

    go(staff, "/report/")
    assert "已填报" in staff.inner_text(f"{row} [data-testid=report-state]")
    assert staff.inner_text(f"{row} [data-testid=counted-wan]") == "10.00"
    assert staff.locator(f"{row} [data-testid=awaiting-wan]").count() == 0
    go(staff, f"/projects/{project.pk}/")
    assert staff.inner_text("[data-testid=completed-wan]") == "10.00"

    leader = person("leader", width)
    summary = leader.request.get("/api/summary/").json()
    assert Decimal(summary["infrastructure"]["completed_wan"]) == Decimal("10.00")
    for page in (staff, reviewer, leader):
        assert page.console_errors == []


@WIDTHS
def test_a_supervision_answer_is_edited_again_and_its_evidence_opened(
    person, staff_user, leader_user, department, tmp_path, settings, width
):
    settings.MEDIA_ROOT = tmp_path / "media"
    campaign = running_campaign()
    project = project_for(campaign, department, name="经三路雨污管网工程")
    today = timezone.localdate()
    ticket = SupervisionFactory(
        target=project, target_label=project.name, opened_on=today - datetime.timedelta(days=1)
    )
    promised = campaign.end_date.isoformat()
    evidence = tmp_path / "整改方案.pdf"
    evidence.write_bytes(b"%PDF-1.4 rectification plan")

    staff = person("staff", width)
    assert "未销号督办单 1 张" in staff.inner_text("[data-testid=left-detail]")
    staff.click(f"[data-testid=unit-supervisions] a:has-text('{project.name}')")
    staff.wait_for_load_state("networkidle")
    assert_usable(staff)
    staff.fill("#id_measures", "倒排工期，增加两个施工班组")
    staff.fill("#id_promised_on", promised)
    staff.set_input_files("#id_evidence", str(evidence))
    submit(staff, "button:has-text('提交答复')")
    assert "整改答复已提交" in staff.content()
    assert "倒排工期" in staff.inner_text("[data-testid=measures]")
    # the form shows the saved date as the browser's date input reads it, and saves again
    assert staff.input_value("#id_promised_on") == promised
    staff.fill("#id_measures", "倒排工期，增加三个施工班组，夜间施工")
    submit(staff, "button:has-text('提交答复')")
    assert "整改答复已提交" in staff.content()
    assert "请填写" not in staff.content()
    assert "夜间施工" in staff.inner_text("[data-testid=measures]")
    saved = Supervision.objects.get(pk=ticket.pk)
    assert saved.promised_on.isoformat() == promised

    leader = person("leader", width)
    go(leader, f"/supervision/{ticket.pk}/")
    link = leader.locator("[data-testid=evidence-link]")
    assert link.is_visible()
    opened = leader.request.get(link.get_attribute("href"))
    assert opened.status == 200
    assert opened.body() == b"%PDF-1.4 rectification plan"
    for page in (staff, leader):
        assert page.console_errors == []


@WIDTHS
def test_an_enterprise_request_is_assigned_answered_seen_and_rated(
    person, enterprise_user, own_enterprise, staff_user, department, width
):
    campaign = running_campaign()
    entry = entry_for(campaign, department, enterprise=own_enterprise, project_name="智能装备扩产")
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()

    enterprise = person("enterprise", width)
    go(enterprise, f"/enterprises/entries/{entry.pk}/")
    assert enterprise.locator("#goal").count() == 0  # goals are the 管委会's to confirm
    enterprise.click("a:has-text('提出问题')")
    enterprise.wait_for_load_state("networkidle")
    assert_usable(enterprise)
    assert enterprise.locator("[name=responsible_department]").count() == 0
    assert enterprise.locator("[name=due_date]").count() == 0
    enterprise.fill("#id_title", "新厂房用电报装")
    enterprise.select_option("#id_category", "power")
    enterprise.fill("#id_description", "变压器未到货，影响设备调试")
    submit(enterprise, "button:has-text('提交诉求')")
    assert enterprise.inner_text("[data-testid=due-date]") == "待管委会确定"
    assert enterprise.inner_text("[data-testid=assigned-unit]") == department.name
    assert enterprise.locator("[data-testid=archive-form]").count() == 0
    problem = Problem.objects.get(title="新厂房用电报装")
    assert problem.raised_on == timezone.localdate()

    staff = person("staff", width)
    staff.click(f"a:has-text('{problem.title}')")
    staff.wait_for_load_state("networkidle")
    assert_usable(staff)
    staff.select_option("#id_status", "in_progress")
    staff.fill("#id_due_date", due)
    submit(staff, "button:has-text('保存办理情况')")

    go(enterprise, f"/enterprises/problems/{problem.pk}/")
    assert enterprise.inner_text("[data-testid=status]") == "办理中"
    assert enterprise.inner_text("[data-testid=due-date]") != "待管委会确定"

    go(staff, f"/enterprises/problems/{problem.pk}/")
    staff.select_option("#id_status", "resolved")
    staff.fill("#id_resolution", "协调供电公司调拨变压器，已送电")
    submit(staff, "button:has-text('保存办理情况')")

    go(enterprise, f"/enterprises/problems/{problem.pk}/")
    assert "已送电" in enterprise.inner_text("[data-testid=resolution]")
    enterprise.select_option("#id_satisfaction", "satisfied")
    enterprise.fill("#id_feedback", "办理及时")
    submit(enterprise, "button:has-text('确认并提交评价')")
    assert enterprise.inner_text("[data-testid=status]") == "企业已确认"
    assert "满意" in enterprise.inner_text("[data-testid=satisfaction]")
    for page in (staff, enterprise):
        assert page.console_errors == []
