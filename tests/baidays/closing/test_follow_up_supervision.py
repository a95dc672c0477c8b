"""An overdue 回头看 follow-up is supervised like any item with a deadline: the day after its due
date `supervise` (and the daily 督办 job) opens one 督办单 to its responsible unit, with the
campaign's deadlines and the follow-up's own wording, once; it clears when the unit 办结 it.
The 回头看 made again does not list that 督办单 (no follow-up of a follow-up); the 考核, the
unit's page and its worklist count the follow-up from the day it was found."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from baidays.closing import lookback
from baidays.closing.models import FollowUp
from baidays.jobs.supervise import run_daily_supervise
from core.campaign_settings import CampaignRules
from core.registry import COMPLETABLE_KINDS
from supervision.assessment import assess, rule_text
from supervision.choices import Cause, ClosedBy
from supervision.models import Supervision
from supervision.services import supervise
from supervision.views import supervision_rule_text
from tests import factories as f

pytestmark = pytest.mark.django_db
FOUND = datetime.date(2026, 8, 3)
DUE = FOUND + datetime.timedelta(days=7)
AFTER = DUE + datetime.timedelta(days=1)


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="fu2026")


@pytest.fixture
def follow_up(campaign, department):
    return f.FollowUpFactory(
        campaign=campaign,
        responsible_department=department,
        finding="问题未解决：用地指标未落实（本企业有限公司，2026-06-02 提出）",
        found_on=FOUND,
        due_date=DUE,
    )


def test_the_day_after_its_due_date_one_supervision_opens_to_its_unit(campaign, follow_up):
    assert supervise(campaign=campaign, as_of=DUE)["opened"] == 0  # due today: not late yet
    assert supervise(campaign=campaign, as_of=AFTER)["opened"] == 1
    ticket = Supervision.objects.get()
    rules = CampaignRules.of(campaign)
    assert ticket.cause == Cause.FOLLOW_UP and ticket.target == follow_up
    assert ticket.department == follow_up.responsible_department and ticket.leader is None
    assert ticket.opened_on == AFTER
    assert ticket.answer_due == AFTER + datetime.timedelta(days=rules.answer_days)
    assert ticket.escalate_after == AFTER + datetime.timedelta(days=rules.escalation_days)
    assert ticket.target_label == follow_up.finding  # the whole finding, not cut at 60
    assert ticket.get_cause_display() == "回头看整改事项逾期未办结"
    assert ticket.detail == "完成期限 2026-08-10，至 2026-08-11 仍未完成"
    # once: the same day again and the next days open no second one
    assert supervise(campaign=campaign, as_of=AFTER)["opened"] == 0
    assert supervise(campaign=campaign, as_of=AFTER + datetime.timedelta(days=1))["opened"] == 0
    assert Supervision.objects.count() == 1


def test_it_clears_when_the_unit_completes_the_follow_up(campaign, follow_up, staff_user):
    supervise(campaign=campaign, as_of=AFTER)
    later = AFTER + datetime.timedelta(days=1)
    lookback.complete_follow_up(
        follow_up=follow_up,
        completed_on=later,
        result="已落实用地指标",
        user=staff_user,
        today=later,
    )
    assert supervise(campaign=campaign, as_of=later)["closed"] == 1
    ticket = Supervision.objects.get()
    assert (ticket.closed_on, ticket.closed_how) == (later, ClosedBy.CLEARED)


def test_a_follow_up_done_on_time_or_not_found_yet_is_not_supervised(campaign, department):
    f.FollowUpFactory(
        campaign=campaign,
        responsible_department=department,
        found_on=FOUND,
        due_date=DUE,
        status="done",
        completed_on=DUE,
        result="按期办结",
    )
    # found later than the day asked: on that day it did not exist yet
    later = AFTER + datetime.timedelta(days=1)
    f.FollowUpFactory(
        campaign=campaign, responsible_department=department, found_on=later, due_date=FOUND
    )
    assert supervise(campaign=campaign, as_of=AFTER)["opened"] == 0
    kind = COMPLETABLE_KINDS.of_model(FollowUp)
    assert kind.of_campaign(campaign, AFTER).count() == 1
    assert kind.of_campaign(campaign, later).count() == 2
    assert supervise(campaign=campaign, as_of=later)["opened"] == 1


def test_the_daily_job_opens_it_once(settings, campaign, follow_up):
    settings.SUPERVISE_HOUR = 6
    with time_machine.travel(at(AFTER, 7), tick=False):
        run = run_daily_supervise(at(AFTER, 7))
    assert run.ok and "新开 1" in run.result
    assert run_daily_supervise(at(AFTER, 9)) is None  # the day's run is done
    with time_machine.travel(at(AFTER + datetime.timedelta(days=1), 7), tick=False):
        run = run_daily_supervise(at(AFTER + datetime.timedelta(days=1), 7))
    assert "新开 0" in run.result
    assert Supervision.objects.filter(cause=Cause.FOLLOW_UP, object_id=follow_up.pk).count() == 1


def test_the_lookback_made_again_does_not_follow_up_its_own_supervision(
    campaign, follow_up, admin_user
):
    supervise(campaign=campaign, as_of=AFTER)
    with time_machine.travel(at(AFTER), tick=False):
        created = lookback.make_list(campaign=campaign, user=admin_user, today=AFTER)
    number = Supervision.objects.get(cause=Cause.FOLLOW_UP).number
    assert created  # the targets not met are found as ever
    assert not [row for row in created if row.source_key.startswith(("supervision:", "follow_up"))]
    assert not [row for row in created if number in row.finding]


def test_the_assessment_counts_an_overdue_follow_up_as_closed_late(campaign, follow_up):
    score = assess(campaign, AFTER).of(follow_up.responsible_department)
    assert (score.things, score.things_due, score.closed_late) == (1, 1, 1)
    before = assess(campaign, FOUND - datetime.timedelta(days=1)).of(
        follow_up.responsible_department
    )
    assert before is None or before.things == 0  # not found yet on that day


def test_the_published_rules_name_the_follow_ups(campaign):
    assert "回头看整改事项到期未办结" in rule_text(campaign)
    assert "困难问题、回头看整改事项逾期未完成时发黄牌" in supervision_rule_text(campaign)
