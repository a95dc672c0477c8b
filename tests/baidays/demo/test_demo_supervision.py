"""Issue 12's "Done when", walked on the demo: a 进度计划 workbook that puts every item's plan in
week 1 turns nearly every item red and `supervise` opens a 督办单 for each; re-running the day
changes nothing; eight days later the unresolved ones are 红牌, and re-running that day changes
nothing either; a workbook that puts it all in the last week leaves none lagging (and their
督办单 close themselves); the department ranking shows the scores with their rule. Time is
frozen: the demo is seeded for a fixed day, whatever the day the suite runs."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from openpyxl import Workbook

from baidays.dashboards.summary import campaign_summary
from baidays.demo.seed import seed_demo
from core.choices import LagStatus
from core.selectors import report_week_as_of
from enterprises.models import CompetitionEntry
from projects.models import Project
from supervision.assessment import rule_text
from supervision.causes import tracked_items
from supervision.choices import Cause, ClosedBy, Level
from supervision.models import Supervision
from supervision.services import supervise

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)  # day 46 of the demo: week 8 in force
LATER = TODAY + datetime.timedelta(days=8)
LAG_CAUSES = (Cause.RED, Cause.YELLOW_WEEKS)
BLOCKS = ("infrastructure", "key_projects", "competition")


def noon(day):
    return datetime.datetime.combine(day, datetime.time(4), tzinfo=datetime.UTC)  # 12:00 +8


def schedule_workbook(path, campaign, week):
    """Every project and 争先杯 entry of the campaign with its whole 100-day plan in `week`."""
    book = Workbook()
    sheet = book.active
    sheet.append(["单位：万元"])
    # the demo's 附件3 projects are 争先杯 entries' works of the same name: 附件 tells them apart
    sheet.append(["附件", "企业名称", "项目名称", f"第{week}周"])
    for project in Project.objects.filter(campaign=campaign).order_by("pk"):
        sheet.append([f"附件{project.annex}", "", project.name, project.planned_investment_wan])
    entries = CompetitionEntry.objects.filter(campaign=campaign).select_related("enterprise")
    for entry in entries.order_by("pk"):
        sheet.append(
            ["附件2", entry.enterprise.name, entry.project_name, entry.planned_investment_wan]
        )
    book.save(path)
    return str(path)


def import_schedule(path):
    out = StringIO()
    call_command("import_schedule", path, "--campaign", "demo", stdout=out)
    return out.getvalue()


def red_items(campaign, day):
    """(content type, pk) of every tracked item red on `day`, by with_lag as every page."""
    week = report_week_as_of(campaign, day)
    found = set()
    for items, _leader in tracked_items(campaign):
        kind = ContentType.objects.get_for_model(items.model).pk
        red = items.with_lag(week, campaign).filter(lag=LagStatus.RED.value)
        found |= {(kind, pk) for pk in red.values_list("pk", flat=True)}
    return found


def state(campaign):
    return sorted(
        Supervision.objects.filter(campaign=campaign).values_list(
            "content_type_id", "object_id", "cause", "opened_on", "escalated_on", "closed_on"
        )
    )


def test_done_when_on_the_demo(tmp_path):
    with time_machine.travel(noon(TODAY), tick=False):
        campaign, users = seed_demo(today=TODAY, password="done-when-12")
        # the demo opens with the 督办单 of its days so far; this walk starts from none
        Supervision.objects.filter(campaign=campaign).delete()
        tracked = sum(campaign_summary(campaign, TODAY)[block]["count"] for block in BLOCKS)

        # every plan due in week 1: nearly everything is red, and each red item gets its 督办单
        out = import_schedule(schedule_workbook(tmp_path / "front.xlsx", campaign, 1))
        assert f"已更新 {tracked} 个项目的进度计划" in out
        summary = campaign_summary(campaign, TODAY)
        red = sum(summary[block]["lagging"]["red"] for block in BLOCKS)
        assert red >= 0.9 * tracked, (red, tracked)
        counts = supervise(campaign=campaign, as_of=TODAY)
        lag_tickets = Supervision.objects.filter(campaign=campaign, cause__in=LAG_CAUSES)
        assert set(lag_tickets.values_list("content_type_id", "object_id")) == red_items(
            campaign, TODAY
        )
        assert lag_tickets.count() == red and counts["opened"] >= red
        assert campaign_summary(campaign, TODAY)["supervision"]["yellow"] == counts["opened"]

        # the same day again: nothing changes
        first = state(campaign)
        assert supervise(campaign=campaign, as_of=TODAY) == {
            "opened": 0,
            "escalated": 0,
            "closed": 0,
        }
        assert state(campaign) == first

    with time_machine.travel(noon(LATER), tick=False):
        # eight days on, nothing fixed: every 督办单 of the first day still open is 红牌
        call_command("supervise", "--campaign", "demo", "--as-of", LATER.isoformat())
        still_open = Supervision.objects.filter(campaign=campaign).open_as_of(LATER)
        from_first_day = still_open.filter(opened_on=TODAY)
        assert from_first_day.filter(cause__in=LAG_CAUSES).count() == red
        assert {ticket.level_as_of(LATER) for ticket in from_first_day} == {Level.RED}
        assert {ticket.level_as_of(TODAY) for ticket in from_first_day} == {Level.YELLOW}
        settled = state(campaign)
        call_command("supervise", "--campaign", "demo", "--as-of", LATER.isoformat())
        assert state(campaign) == settled

        # the department ranking shows every unit's score, the 红牌 deducted, with the rule
        leader = Client()
        leader.force_login(users["leader"])
        response = leader.get(
            "/dashboards/departments/", {"campaign": "demo", "as_of": LATER.isoformat()}
        )
        assessment = response.context["assessment"]
        assert assessment.rows and all(row.rank >= 1 for row in assessment.rows)
        assert sum(row.red for row in assessment.rows) == still_open.red_as_of(LATER).count()
        assert any(row.penalty_points > 0 for row in assessment.rows)
        html = response.content.decode()
        assert rule_text(campaign) in html
        for row in assessment.rows:
            assert f'data-score="{row.score}"' in html

        # every plan in the last week: nothing lags, and the lag 督办单 close themselves
        import_schedule(schedule_workbook(tmp_path / "back.xlsx", campaign, campaign.weeks_total))
        summary = campaign_summary(campaign, LATER)
        assert [summary[block]["lagging"]["total"] for block in BLOCKS] == [0, 0, 0]
        supervise(campaign=campaign, as_of=LATER + datetime.timedelta(days=1))
        closed = Supervision.objects.filter(campaign=campaign, cause__in=LAG_CAUSES)
        assert set(closed.values_list("closed_how", flat=True)) == {ClosedBy.CLEARED}
