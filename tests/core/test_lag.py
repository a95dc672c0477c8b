"""The lag rule decides the same colour in Python (pages, exports) and in SQL (lists, counts),
exactly at the thresholds, whatever the amounts."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from core.campaign_settings import CampaignRules
from core.choices import LagStatus
from core.lag import aggregate_lag, lag_against_due, rule_text
from projects.models import Project
from tests import factories as f

pytestmark = pytest.mark.django_db

cents = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n) / 100)
percents = st.integers(min_value=0, max_value=10000).map(lambda n: Decimal(n) / 100)


@pytest.mark.parametrize(
    ("completed", "expected"),
    [("41.07", LagStatus.ON_TRACK), ("31.07", LagStatus.YELLOW), ("31.06", LagStatus.RED)],
)
def test_the_thresholds_are_exact(completed, expected):
    assert lag_against_due(Decimal(completed), Decimal("100.00"), Decimal("41.07"), 10) == expected


def test_an_item_without_planned_investment_never_lags():
    assert lag_against_due(Decimal("0"), Decimal("0"), Decimal("90"), 10) == LagStatus.ON_TRACK


def test_the_rule_is_written_out_with_the_campaigns_thresholds(campaign_for_lag):
    assert "投资完成率" in rule_text() and "10 个百分点" in rule_text()
    CampaignRules.objects.create(
        campaign=campaign_for_lag, yellow_points=Decimal("5.5"), yellow_weeks_to_red=2
    )
    text = rule_text(type(campaign_for_lag).objects.get(pk=campaign_for_lag.pk))
    assert "5.5 个百分点" in text and "连续 2 个周报周" in text and "10 个百分点" not in text


def test_a_total_is_judged_by_the_campaigns_points_against_its_summed_plan(campaign_for_lag):
    CampaignRules.objects.create(campaign=campaign_for_lag, yellow_points=Decimal("5"))
    campaign = type(campaign_for_lag).objects.get(pk=campaign_for_lag.pk)
    # 1000 planned, 400 due: 5 points are 50 万元
    assert aggregate_lag(Decimal("400"), Decimal("1000"), Decimal("400"), campaign) == (
        LagStatus.ON_TRACK
    )
    assert aggregate_lag(Decimal("350"), Decimal("1000"), Decimal("400"), campaign) == (
        LagStatus.YELLOW
    )
    assert aggregate_lag(Decimal("349.99"), Decimal("1000"), Decimal("400"), campaign) == (
        LagStatus.RED
    )


@examples(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(planned=cents, share=percents, reference=percents, offset=st.sampled_from([0, 1, -1]))
def test_python_and_sql_agree(campaign_for_lag, planned, share, reference, offset):
    # amounts right at a threshold are the interesting ones: completed = planned × share ± 1分
    completed = max(
        Decimal(0), (planned * share / 100).quantize(Decimal("0.01")) + Decimal(offset) / 100
    )
    project = f.ProjectFactory(campaign=campaign_for_lag, planned_investment_wan=planned)
    f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=completed)
    # the reference is the item's own 计划完成率: `reference` % of its plan due in week 1
    due = (planned * reference / 100).quantize(Decimal("0.01"))
    f.written_schedule(project, {1: due, 17: planned - due} if planned else {})
    try:
        in_sql = Project.objects.filter(pk=project.pk).with_lag(1, campaign_for_lag).get().lag
        assert in_sql == lag_against_due(completed, planned, due, 10).value
    finally:
        project.reports.all().delete()
        project.delete()


@pytest.fixture
def campaign_for_lag():
    return f.CampaignFactory(slug="lag")
