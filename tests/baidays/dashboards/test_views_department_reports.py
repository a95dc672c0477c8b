"""What a unit has handed in (ProgressReportQuerySet.handed_in): a report waiting for review or
sent back is 待审核 or 退回 in the department page's weekly table (应报 = 已通过 + 待审核 + 退回 +
未报, never 已通过), not 本周未报 in the department list and its missing list, and on time in the
考核 — the three read one rule; the investment figures still count only reviewed reports."""

from decimal import Decimal

import pytest

from core.choices import ReportState
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="r2026")


@pytest.fixture
def scope(campaign):
    """The last day of week 2: week 2 in force, weeks 1 and 2 ended and due."""
    return {"campaign": "r2026", "as_of": campaign.week_end(2).isoformat()}


@pytest.mark.parametrize("state", [ReportState.PENDING, ReportState.RETURNED])
def test_a_report_in_review_is_handed_in_alike_in_the_table_the_missing_count_and_the_score(
    campaign, scope, department, leader_client, state
):
    in_review = f.ProjectFactory(campaign=campaign, responsible_department=department)
    silent = f.ProjectFactory(campaign=campaign, responsible_department=department)
    f.ProjectReportFactory(project=in_review, report_week=1, week_investment_wan=Decimal("10"))
    f.ProjectReportFactory(
        project=in_review, report_week=2, week_investment_wan=Decimal("30"), state=state
    )
    f.ProjectReportFactory(project=silent, report_week=1, week_investment_wan=Decimal("10"))

    page = leader_client.get(f"/dashboards/departments/{department.pk}/", scope)
    weeks = {row["week"]: row for row in page.context["reporting"]}
    parts = ("expected", "approved", "pending", "returned", "missing")
    in_review = (1, 0) if state == ReportState.PENDING else (0, 1)
    # 应报 = 已通过 + 待审核 + 退回 + 未报: the report in review is in its own part, not 已通过
    assert [tuple(weeks[n][part] for part in parts) for n in (2, 1)] == [
        (2, 0, *in_review, 1),
        (2, 2, 0, 0, 0),
    ]
    html = page.content.decode()
    assert '<th class="num">待审核</th>' in html and "已报</th>" not in html
    score = page.context["score"]
    assert (score.reports_due, score.reports_on_time) == (4, 3)
    assert (
        sum(row["missing"] for row in weeks.values()) == score.reports_due - score.reports_on_time
    )
    # the figures count reviewed reports only: the week-2 amount waits for its review
    assert page.context["figures"]["completed"] == Decimal("20.00")

    table = leader_client.get("/dashboards/departments/", scope).context["rows"]
    assert next(row for row in table if row["department"] == department)["missing"] == 1
    missing = leader_client.get("/dashboards/missing/", {**scope, "department": department.pk})
    assert [row["pk"] for row in missing.context["rows"]] == [silent.pk]
