"""The review step: what a saved report becomes, the reviewer's one-page approvals and returns,
what the reporter sees, what counts in the summary, and the history of every transition."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from baidays.dashboards.summary import campaign_summary
from baidays.weekly.models import ReportReview, ReviewSetting
from baidays.weekly.review import Decision, review_reports
from core.choices import ReportState
from projects.models import ProjectReport
from tests.baidays.weekly.support import batch_post, entry_for, project_for

pytestmark = pytest.mark.django_db


def _save(client, item, version=0, wan="30", kind="project"):
    return client.post(
        "/report/week/",
        batch_post(
            [(f"{kind}-{item.pk}", version, {"week_investment_wan": wan, "percent_complete": "20"})]
        ),
    )


@pytest.fixture
def reviewed(campaign):
    return ReviewSetting.objects.create(campaign=campaign, reports_need_review=True)


def _reports(campaign):
    return campaign_summary(campaign, timezone.localdate())


def test_without_review_a_saved_report_counts_at_once(campaign, department, staff_client):
    project = project_for(campaign, department)
    assert _save(staff_client, project).status_code == 302
    report = ProjectReport.objects.get(project=project)
    assert report.state == ReportState.SUBMITTED
    summary = _reports(campaign)
    assert summary["reports"]["submitted"] == 1
    assert summary["reports"]["pending_review"] == 0
    assert summary["infrastructure"]["completed_wan"] == "30.00"


def test_pending_and_returned_reports_do_not_count_until_approved(
    campaign, department, staff_client, reviewer_client, reviewed
):
    approved, returned, untouched = (project_for(campaign, department) for _ in range(3))
    for project in (approved, returned, untouched):
        _save(staff_client, project)
    assert set(ProjectReport.objects.values_list("state", flat=True)) == {ReportState.PENDING}
    summary = _reports(campaign)
    assert summary["infrastructure"]["completed_wan"] == "0.00"
    reports = summary["reports"]
    assert [reports[k] for k in ("submitted", "pending_review", "returned", "missing")] == [
        0,
        3,
        0,
        0,
    ]
    page = reviewer_client.get("/report/review/")
    assert page.status_code == 200
    assert page.content.decode().count('value="approve"') == 3  # one 通过 per report
    by_project = {r.project_id: r for r in ProjectReport.objects.all()}
    response = reviewer_client.post(
        "/report/review/",
        {
            f"decision-project-{by_project[approved.pk].pk}": "approve",
            f"decision-project-{by_project[returned.pk].pk}": "return",
            f"reason-project-{by_project[returned.pk].pk}": "投资数与台账不符",
        },
    )
    assert response.status_code == 302
    states = dict(ProjectReport.objects.values_list("project_id", "state"))
    assert states == {
        approved.pk: ReportState.APPROVED,
        returned.pk: ReportState.RETURNED,
        untouched.pk: ReportState.PENDING,
    }
    summary = _reports(campaign)
    assert summary["infrastructure"]["completed_wan"] == "30.00"
    assert (summary["reports"]["submitted"], summary["reports"]["pending_review"]) == (1, 1)
    assert summary["reports"]["returned"] == 1
    batch = staff_client.get("/report/week/").content.decode()
    assert "退回原因：投资数与台账不符" in batch


def test_history_names_who_reviewed_and_when(
    campaign, department, staff_client, reviewer_user, reviewed
):
    project = project_for(campaign, department)
    _save(staff_client, project)
    report = ProjectReport.objects.get()
    review_reports(user=reviewer_user, decisions=[Decision("project", report.pk, "approve")])
    latest = report.history.first()
    assert latest.history_user == reviewer_user
    assert latest.history_change_reason == "审核通过"
    assert latest.state == ReportState.APPROVED
    log = ReportReview.objects.get()
    assert (log.reviewer, log.action) == (reviewer_user, "approve")


def test_an_approved_report_edited_again_goes_back_to_pending(
    campaign, department, staff_client, reviewer_user, reviewed
):
    project = project_for(campaign, department)
    _save(staff_client, project)
    report = ProjectReport.objects.get()
    review_reports(user=reviewer_user, decisions=[Decision("project", report.pk, "approve")])
    _save(staff_client, project, version=report.version, wan="35")
    report.refresh_from_db()
    assert (report.state, report.week_investment_wan) == (ReportState.PENDING, Decimal("35.00"))
    assert _reports(campaign)["infrastructure"]["completed_wan"] == "0.00"


def test_a_return_without_reason_saves_nothing_of_the_page(
    campaign, department, staff_client, reviewer_client, reviewed
):
    first, second = project_for(campaign, department), project_for(campaign, department)
    _save(staff_client, first)
    _save(staff_client, second)
    one, two = ProjectReport.objects.order_by("pk")
    response = reviewer_client.post(
        "/report/review/",
        {f"decision-project-{one.pk}": "approve", f"decision-project-{two.pk}": "return"},
    )
    assert response.status_code == 400
    assert "必须写明原因" in response.content.decode()
    assert set(ProjectReport.objects.values_list("state", flat=True)) == {ReportState.PENDING}


def test_approve_the_whole_week_from_one_page(
    campaign,
    department,
    other_department,
    staff_client,
    other_staff_client,
    reviewer_client,
    reviewed,
):
    for _ in range(3):
        _save(staff_client, project_for(campaign, department))
    _save(other_staff_client, project_for(campaign, other_department))
    response = reviewer_client.post("/report/review/", {"approve_all": "1"})
    assert response.status_code == 302
    states = ProjectReport.objects.values_list("project__responsible_department", "state")
    assert sorted(states) == sorted(
        [(department.pk, ReportState.APPROVED)] * 3 + [(other_department.pk, ReportState.PENDING)]
    )


def test_a_reviewer_reviews_only_their_own_unit(
    campaign, other_department, other_staff_client, reviewer_user, reviewed
):
    _save(other_staff_client, project_for(campaign, other_department))
    report = ProjectReport.objects.get()
    with pytest.raises(PermissionDenied):
        review_reports(user=reviewer_user, decisions=[Decision("project", report.pk, "approve")])
    report.refresh_from_db()
    assert report.state == ReportState.PENDING


def test_only_pending_reports_can_be_reviewed(campaign, department, staff_client, reviewer_user):
    _save(staff_client, project_for(campaign, department))
    report = ProjectReport.objects.get()
    with pytest.raises(ValidationError, match="不是待审核"):
        review_reports(user=reviewer_user, decisions=[Decision("project", report.pk, "approve")])


def test_enterprise_reports_are_verified_by_the_liaison_unit(
    campaign, department, own_enterprise, enterprise_client, reviewer_client, reviewed
):
    entry = entry_for(campaign, department, enterprise=own_enterprise)
    assert _save(enterprise_client, entry, kind="entry").status_code == 302
    report = entry.reports.get()
    assert report.state == ReportState.PENDING
    page = reviewer_client.get("/report/review/").content.decode()
    assert "企业自报，请核实" in page
    reviewer_client.post("/report/review/", {"approve_all": "1"})
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    assert _reports(campaign)["competition"]["completed_wan"] == "30.00"
