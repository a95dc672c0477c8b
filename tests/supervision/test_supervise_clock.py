"""Issue 22 #11: `supervise` is idempotent whatever the clock does: run as of a day before the
day already run (a clock stepped back, `--as-of` yesterday), it raises no IntegrityError on
supervision_one_open_per_cause and changes nothing opened later."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from supervision.models import Supervision
from supervision.services import supervise
from tests.factories import CampaignFactory, ProjectFactory, ProjectReportFactory, written_schedule

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 15)


@pytest.fixture
def behind():
    campaign = CampaignFactory(slug="clock")
    project = ProjectFactory(campaign=campaign)
    written_schedule(project, {1: Decimal("100")})
    for week in range(1, 9):
        ProjectReportFactory(project=project, report_week=week, week_investment_wan=Decimal("5"))
    return project


def _state(campaign):
    return sorted(
        Supervision.objects.filter(campaign=campaign).values_list(
            "object_id", "cause", "opened_on", "escalated_on", "closed_on"
        )
    )


def test_supervise_as_of_a_day_before_todays_run_raises_no_integrity_error(behind):
    campaign = behind.campaign
    assert supervise(campaign=campaign, as_of=DAY)["opened"] == 1
    after_today = _state(campaign)
    earlier = DAY - datetime.timedelta(days=1)
    assert supervise(campaign=campaign, as_of=earlier) == {
        "opened": 0,
        "escalated": 0,
        "closed": 0,
    }
    call_command("supervise", "--campaign", "clock", "--as-of", earlier.isoformat())
    assert _state(campaign) == after_today


def test_a_clock_stepping_back_a_week_leaves_later_tickets_unescalated_and_open(behind):
    campaign = behind.campaign
    later = DAY + datetime.timedelta(days=8)
    supervise(campaign=campaign, as_of=DAY)
    supervise(campaign=campaign, as_of=later)  # escalated to red
    before = _state(campaign)
    for day in (DAY - datetime.timedelta(days=7), DAY, later):
        supervise(campaign=campaign, as_of=day)
    assert _state(campaign) == before
