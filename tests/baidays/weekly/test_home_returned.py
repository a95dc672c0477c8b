"""本周填报 for a staff member whose report was returned: the row says 已退回 with the reason
right there and counts in 待办, as do the unit's open 督办单; 累计 follows one rule, printed in
words on the landing page and on the item page, and both show the same figures."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from baidays.weekly.models import ReportReview, ReviewAction
from baidays.weekly.selectors import CUMULATIVE_RULE
from core.choices import ReportState
from tests import factories as f
from tests.baidays.weekly.support import project_for
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db
URL = reverse("weekly:home")


def _row(body, project):
    start = body.index(f'data-item="project-{project.pk}"')
    return body[start : body.index("</li>", start)]


def _return(report, reviewer, reason):
    report.state = ReportState.RETURNED
    report.save(update_fields=["state"])
    ReportReview.objects.create(
        content_type=ContentType.objects.get_for_model(report),
        object_id=report.pk,
        action=ReviewAction.RETURN,
        reason=reason,
        reviewer=reviewer,
    )


def test_a_returned_report_says_returned_with_its_reason_and_counts_as_to_do(
    staff_client, reviewer_user, campaign, department, current_week
):
    returned = project_for(campaign, department, name="纬二路")
    approved = project_for(campaign, department, name="经三路")
    report = f.ProjectReportFactory(project=returned, report_week=current_week)
    f.ProjectReportFactory(project=approved, report_week=current_week, state=ReportState.APPROVED)
    _return(report, reviewer_user, "投资数与台账不符")
    body = staff_client.get(URL).content.decode()
    row = _row(body, returned)
    assert "已退回" in row
    assert "✓ 已填报" not in row and "bi-check2" not in row
    assert "退回原因：投资数与台账不符" in row
    assert "bi-check2" in _row(body, approved)
    assert 'data-testid="left-count">1<' in body
    assert "其中被退回 1 项" in body


def test_the_units_open_supervisions_count_in_to_do(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    f.ProjectReportFactory(project=project, report_week=current_week)
    today = timezone.localdate()
    SupervisionFactory(target=project, opened_on=today - datetime.timedelta(days=1))
    # a closed one is no longer to do
    SupervisionFactory(
        target=project,
        opened_on=today - datetime.timedelta(days=5),
        closed_on=today - datetime.timedelta(days=2),
    )
    body = staff_client.get(URL).content.decode()
    assert 'data-testid="left-count">1<' in body
    assert "未销号督办单 1 张" in body


def test_cumulative_counts_only_counted_reports_on_home_and_item_page(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    f.ProjectReportFactory(
        project=project,
        report_week=current_week - 1,
        week_investment_wan=Decimal("11.63"),
        state=ReportState.APPROVED,
    )
    f.ProjectReportFactory(
        project=project,
        report_week=current_week,
        week_investment_wan=Decimal("3.50"),
        state=ReportState.PENDING,
    )
    home = staff_client.get(URL).content.decode()
    row = _row(home, project)
    assert 'data-testid="counted-wan">11.63<' in row
    assert "另有待审核或退回 3.50 万元未计入" in row
    assert CUMULATIVE_RULE in home
    page = staff_client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'data-testid="completed-wan">11.63<' in page
    assert "另有待审核或退回 3.50 万元未计入" in page
    assert CUMULATIVE_RULE in page
