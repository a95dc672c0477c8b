"""Dates from another century are refused: one window around the campaign, a campaign setting
(issue 14, item 7)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return f.CampaignFactory(slug="2026")  # 2026-04-?? to 2026-08-20, a year either side


def test_the_window_is_a_campaign_setting(campaign):
    first, last = campaign.date_window()
    assert first == campaign.start_date - datetime.timedelta(days=365)
    assert last == campaign.end_date + datetime.timedelta(days=365)
    campaign.window_days_after = 0
    with pytest.raises(ValidationError, match=r"举办日期 2026-08-21 不在本次百日行动的日期范围内"):
        campaign.check_date_in_window(datetime.date(2026, 8, 21), "举办日期")


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(2099, 1, 1)])
def test_a_problem_from_another_century_is_refused_naming_the_field(campaign, day):
    problem = f.ProblemFactory.build(
        campaign=campaign,
        enterprise=f.EnterpriseFactory(),
        responsible_department=f.DepartmentFactory(),
        raised_on=day,
        due_date=None,
    )
    with pytest.raises(ValidationError) as caught:
        problem.full_clean()
    assert "提出日期" in str(caught.value.message_dict["raised_on"])


def test_visits_promotions_and_land_transfers_keep_to_the_window(campaign):
    key = f.KeyEnterpriseFactory(campaign=campaign)
    records = [
        (
            f.ServiceVisitFactory.build(key_enterprise=key, visited_on=datetime.date(2099, 1, 1)),
            "visited_on",
        ),
        (
            f.PromotionEventFactory.build(campaign=campaign, held_on=datetime.date(2099, 1, 1)),
            "held_on",
        ),
        (
            f.LandTransferFactory.build(campaign=campaign, transferred_on=datetime.date(1, 1, 1)),
            "transferred_on",
        ),
    ]
    for record, field in records:
        with pytest.raises(ValidationError) as caught:
            record.full_clean()
        assert field in caught.value.message_dict


def test_a_date_inside_the_window_is_accepted(campaign):
    campaign.check_date_in_window(campaign.start_date - datetime.timedelta(days=30), "提出日期")
    campaign.check_date_in_window(None, "办结期限")
