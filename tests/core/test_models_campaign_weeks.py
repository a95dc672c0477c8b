"""Report weeks follow the campaign's own 周报截止日, never a server setting."""

import datetime

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_weeks_end_on_the_campaigns_own_weekday():
    # 2026-05-01 is a Friday
    friday = f.CampaignFactory(slug="fri", start_date=datetime.date(2026, 5, 1))
    monday = f.CampaignFactory(
        slug="mon", start_date=datetime.date(2026, 5, 1), report_week_end_weekday=0
    )
    assert friday.week_end(1) == datetime.date(2026, 5, 1)
    assert monday.week_end(1) == datetime.date(2026, 5, 4)
    assert friday.week_of(datetime.date(2026, 5, 4)) == 2
    assert monday.week_of(datetime.date(2026, 5, 4)) == 1


def test_a_server_setting_does_not_move_stored_weeks(settings):
    campaign = f.CampaignFactory(start_date=datetime.date(2026, 5, 1))
    before = campaign.week_end(3)
    settings.REPORT_WEEK_END_WEEKDAY = 0
    assert campaign.week_end(3) == before
