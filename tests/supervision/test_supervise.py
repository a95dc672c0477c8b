"""supervise: a front-loaded plan turns items red and opens 督办单, a back-loaded one leaves
none; unresolved 督办 are 红牌 after the escalation days; re-running a day changes nothing;
a 督办单 closes itself when its cause clears; the summary counts them as of a day."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from baidays.dashboards.summary import campaign_summary
from supervision.choices import Cause, ClosedBy, Level
from supervision.models import Supervision
from supervision.services import answer, supervise
from tests.factories import (
    CampaignFactory,
    DecisionFactory,
    ProjectFactory,
    ProjectReportFactory,
    written_schedule,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 15)  # report week 8; weeks 6 and 7 have ended


@pytest.fixture
def campaign():
    return CampaignFactory(slug="s2026")


def reported(project, amount="5"):
    for week in range(1, 9):
        ProjectReportFactory(project=project, report_week=week, week_investment_wan=Decimal(amount))


def state(campaign):
    return sorted(
        Supervision.objects.filter(campaign=campaign).values_list(
            "object_id", "cause", "opened_on", "escalated_on", "closed_on"
        )
    )


def test_front_loaded_plans_are_red_and_back_loaded_are_not(campaign):
    front = ProjectFactory(campaign=campaign)
    back = ProjectFactory(campaign=campaign)
    written_schedule(front, {1: Decimal("100")})
    written_schedule(back, {17: Decimal("100")})
    reported(front), reported(back)
    summary = campaign_summary(campaign, DAY)["infrastructure"]
    assert summary["lagging"] == {"red": 1, "yellow": 0, "total": 1}
    assert summary["planned_to_date_wan"] == "100.00"
    assert summary["plan_percent"] == "50.00"
    assert supervise(campaign=campaign, as_of=DAY) == {"opened": 1, "escalated": 0, "closed": 0}
    ticket = Supervision.objects.get()
    assert (ticket.object_id, ticket.cause) == (front.pk, Cause.RED)
    assert "计划完成率 100.00%" in ticket.detail


def test_idempotent_for_a_day_and_red_after_the_escalation_days(campaign):
    front = ProjectFactory(campaign=campaign)
    written_schedule(front, {1: Decimal("100")})
    reported(front)
    call_command("supervise", "--campaign", "s2026", "--as-of", "2026-06-15")
    first = state(campaign)
    call_command("supervise", "--campaign", "s2026", "--as-of", "2026-06-15")
    assert state(campaign) == first
    assert supervise(campaign=campaign, as_of=DAY + datetime.timedelta(days=7))["escalated"] == 0
    later = DAY + datetime.timedelta(days=8)
    assert supervise(campaign=campaign, as_of=later)["escalated"] == 1
    ticket = Supervision.objects.get()
    assert ticket.level_as_of(later) == Level.RED
    assert ticket.level_as_of(DAY) == Level.YELLOW  # as of the first day it was yellow
    assert supervise(campaign=campaign, as_of=later) == {"opened": 0, "escalated": 0, "closed": 0}
    assert campaign_summary(campaign, later)["supervision"] == {
        "open": 1,
        "yellow": 0,
        "red": 1,
        "answered": 0,
        "closed": 0,
    }
    assert campaign_summary(campaign, DAY)["supervision"]["yellow"] == 1
    assert ticket.history.count() == 2  # opened, escalated


def test_missed_reports_and_overdue_decisions_close_when_cleared(campaign, admin_user):
    silent = ProjectFactory(campaign=campaign)
    decision = DecisionFactory(meeting__campaign=campaign, due_date=datetime.date(2026, 6, 1))
    supervise(campaign=campaign, as_of=DAY)
    causes = dict(Supervision.objects.values_list("cause", "object_id"))
    assert causes[Cause.MISSED_REPORTS] == silent.pk
    assert causes[Cause.DECISION] == decision.pk
    ticket = Supervision.objects.get(cause=Cause.DECISION)
    answer(
        supervision=ticket,
        user=admin_user,
        measures="倒排工期",
        promised_on=datetime.date(2026, 6, 20),
        today=DAY,
    )
    decision.status, decision.completed_on = "done", datetime.date(2026, 6, 16)
    decision.save()
    counts = supervise(campaign=campaign, as_of=datetime.date(2026, 6, 16))
    assert counts["closed"] == 1
    ticket.refresh_from_db()
    assert (ticket.closed_on, ticket.closed_how) == (datetime.date(2026, 6, 16), ClosedBy.CLEARED)
    assert {h.history_type for h in ticket.history.all()} == {"+", "~"}


def test_yellow_for_n_weeks_in_a_row_is_red(campaign):
    item = ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    written_schedule(item, {1: Decimal("50"), 17: Decimal("50")})
    ProjectReportFactory(project=item, report_week=1, week_investment_wan=Decimal("45"))
    for week in range(2, 9):
        ProjectReportFactory(project=item, report_week=week, week_investment_wan=Decimal("0"))
    # 45 of 50 due: 5 points behind every week, yellow; the third yellow week in a row is red
    row = type(item).objects.filter(pk=item.pk)
    assert row.with_lag(2, campaign).get().lag == "yellow"
    assert row.with_lag(3, campaign).get().lag == "red"
    assert row.with_colour_of_week(3, campaign).get().lag_of_week == "yellow"
    supervise(campaign=campaign, as_of=DAY)
    assert Supervision.objects.get().cause == Cause.YELLOW_WEEKS
