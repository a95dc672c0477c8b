"""The demo opens with its 督办单: seed_demo runs the daily 督办 for each of the demo's days, so
a leader sees 黄牌 and 红牌 on the first start, and the day's own run then changes nothing."""

import datetime

import pytest
import time_machine

from baidays.demo.seed import seed_demo
from supervision.choices import Level
from supervision.models import Supervision
from supervision.services import supervise

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def test_the_demo_has_yellow_and_red_supervisions_when_it_loads_and_today_adds_none():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 4, tzinfo=datetime.UTC), tick=False):
        campaign, _users = seed_demo(today=TODAY, password="seeded-督办")
        open_now = Supervision.objects.filter(campaign=campaign).open_as_of(TODAY)
        levels = {ticket.level_as_of(TODAY) for ticket in open_now}
        assert levels == {Level.YELLOW, Level.RED}
        assert min(ticket.opened_on for ticket in open_now) < TODAY  # opened on earlier days
        assert supervise(campaign=campaign, as_of=TODAY) == {
            "opened": 0,
            "escalated": 0,
            "closed": 0,
        }
