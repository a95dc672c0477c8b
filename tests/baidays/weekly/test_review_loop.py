"""The reviewer's loop: lands on 周报审核, a refused submission keeps every choice made, a
return's reason (up to the field's 300 characters) is kept whole, shown on the reviewer's and
the reporter's pages and told to the reporter at once; a NUL byte is a form error, not a 500."""

import pytest

from baidays.notify.models import Message
from baidays.weekly.models import ReportReview, ReviewSetting
from baidays.weekly.review import CHANGE_REASON_MAX, change_reason
from core.choices import ReportState
from projects.models import ProjectReport
from tests.baidays.weekly.support import batch_post, project_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(campaign):
    return ReviewSetting.objects.create(campaign=campaign, reports_need_review=True)


def _pending_reports(campaign, department, staff_client, count):
    projects = [project_for(campaign, department, name=f"道路工程{n}") for n in range(count)]
    for project in projects:
        staff_client.post(
            "/report/week/",
            batch_post(
                [
                    (
                        f"project-{project.pk}",
                        0,
                        {"week_investment_wan": "30", "percent_complete": "20"},
                    )
                ]
            ),
        )
    return [ProjectReport.objects.get(project=project) for project in projects]


def test_a_reviewer_logs_in_to_the_review_page_with_their_unit_one_link_away(
    reviewer_client, campaign, department
):
    response = reviewer_client.get("/")
    assert response.status_code == 302
    assert response.url == "/report/review/"
    page = reviewer_client.get(response.url).content.decode()
    assert f'href="/dashboards/departments/{department.pk}/" data-testid="own-department"' in page


def test_a_refused_submission_keeps_every_choice_made(
    campaign, department, staff_client, reviewer_client, reviewed
):
    first, second, third = _pending_reports(campaign, department, staff_client, 3)
    response = reviewer_client.post(
        "/report/review/",
        {
            f"decision-project-{first.pk}": "approve",
            f"decision-project-{second.pk}": "return",
            f"reason-project-{second.pk}": "",
            f"decision-project-{third.pk}": "return",
            f"reason-project-{third.pk}": "投资数与台账不符",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "必须写明原因" in html
    assert f'id="approve-project-{first.pk}" value="approve" checked' in html
    assert f'id="return-project-{second.pk}" value="return" checked' in html
    assert f'id="return-project-{third.pk}" value="return" checked' in html
    assert ">投资数与台账不符</textarea>" in html
    assert set(ProjectReport.objects.values_list("state", flat=True)) == {ReportState.PENDING}


@pytest.mark.parametrize("length", [96, 150, 300])
def test_a_detailed_reason_up_to_300_characters_returns_the_report(
    campaign, department, staff_client, reviewer_client, reviewed, length
):
    (report,) = _pending_reports(campaign, department, staff_client, 1)
    reason = ("投资数与台账不符，请核对" * 30)[:length]
    response = reviewer_client.post(
        "/report/review/",
        {f"decision-project-{report.pk}": "return", f"reason-project-{report.pk}": reason},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert ReportReview.objects.get().reason == reason  # the whole reason
    logged = report.history.first().history_change_reason
    assert len(logged) <= CHANGE_REASON_MAX
    assert logged.startswith("审核退回：投资数与台账不符")


def test_the_change_reason_is_cut_to_the_history_field_and_says_so():
    assert change_reason("return", "短") == "审核退回：短"
    cut = change_reason("return", "长" * 300)
    assert len(cut) == CHANGE_REASON_MAX
    assert cut.endswith("…")


@pytest.mark.parametrize("bad", ["原因\x00不明", "\x00", "退回\x07"])
def test_a_control_character_in_the_reason_is_a_form_error(
    campaign, department, staff_client, reviewer_client, reviewed, bad
):
    (report,) = _pending_reports(campaign, department, staff_client, 1)
    response = reviewer_client.post(
        "/report/review/",
        {f"decision-project-{report.pk}": "return", f"reason-project-{report.pk}": bad},
    )
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.PENDING
    assert not ReportReview.objects.exists()


def test_a_reason_longer_than_the_field_is_a_form_error(
    campaign, department, staff_client, reviewer_client, reviewed
):
    (report,) = _pending_reports(campaign, department, staff_client, 1)
    response = reviewer_client.post(
        "/report/review/",
        {f"decision-project-{report.pk}": "return", f"reason-project-{report.pk}": "长" * 301},
    )
    assert response.status_code == 400
    assert "不能超过 300 个字" in response.content.decode()


def test_a_return_is_told_to_the_reporter_at_once_and_shown_on_both_pages(
    campaign, department, staff_user, staff_client, reviewer_client, reviewed
):
    (report,) = _pending_reports(campaign, department, staff_client, 1)
    reviewer_client.post(
        "/report/review/",
        {f"decision-project-{report.pk}": "return", f"reason-project-{report.pk}": "照片缺失"},
    )
    message = Message.objects.get(recipient=staff_user)
    assert "道路工程0" in message.subject
    assert "退回原因：照片缺失" in message.body
    review_page = reviewer_client.get("/report/review/").content.decode()
    assert 'data-testid="return-reason">照片缺失<' in review_page
    home = staff_client.get("/report/").content.decode()
    assert "照片缺失" in home
