"""The reminder occasions: who gets what on the Thursday before the deadline, the Monday
digest, due 督办 items and returned reports; one message per recipient, never twice."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from baidays.notify.models import (
    Channel,
    ChannelKind,
    Message,
    OccasionKind,
    OutboxEntry,
    ReminderOccasion,
)
from baidays.notify.reminders import fire_due_occasions
from core.choices import ReportState, Role
from tests import factories as f
from tests.baidays.notify.peers import RecordingRobot

pytestmark = pytest.mark.django_db
THURSDAY = datetime.date(2026, 5, 14)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def campaign(db):
    return f.CampaignFactory(
        slug="notify", start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 8, 8)
    )


@pytest.fixture
def units(campaign, department, other_department, staff_user, other_staff_user, reviewer_user):
    """Two units with a missing report this week, a third one complete."""
    complete = f.DepartmentFactory(name="园区经发局")
    week = campaign.week_of(THURSDAY)
    for unit in (department, other_department):
        f.ProjectFactory(campaign=campaign, responsible_department=unit, name=f"{unit}道路")
    done = f.ProjectFactory(campaign=campaign, responsible_department=complete, name="已报项目")
    f.ProjectReportFactory(project=done, report_week=week, week_investment_wan=Decimal("1"))
    f.PersonFactory(user=f.UserFactory(username="jingfa"), department=complete, role=Role.STAFF)
    return department, other_department, complete


def test_thursday_reminder_reaches_each_unit_with_missing_reports_once(units):
    department, other_department, complete = units
    with RecordingRobot() as robot:
        for unit in (department, other_department, complete):
            Channel.objects.create(department=unit, kind=ChannelKind.WECOM, target=robot.url)
        Channel.objects.create(department=department, kind=ChannelKind.EMAIL, target="a@b.cn")
        with time_machine.travel(_at(THURSDAY, 16, 5), tick=False):
            out = io.StringIO()
            call_command("send_reminders", "--at=2026-05-14 16:00", "--force", stdout=out)
            assert "催报" in out.getvalue()
            call_command("send_reminders", "--at=2026-05-14 16:30", "--force", stdout=io.StringIO())
    # one webhook per unit with missing reports, none to the complete unit, none twice
    assert len(robot.requests) == 2
    texts = sorted(r["json"]["markdown"]["content"] for r in robot.requests)
    assert any("园区建设科道路" in text for text in texts)
    assert any("园区电力办道路" in text for text in texts)
    assert all("已报项目" not in text for text in texts)
    inbox = dict(Message.objects.values_list("recipient__username", "subject"))
    assert set(inbox) == {"staff", "staff2", "reviewer"}
    assert inbox["staff"].startswith("催报：第 3 周")
    assert OutboxEntry.objects.count() == 3  # two robots and one mail
    assert ReminderOccasion.objects.filter(kind=OccasionKind.MISSING).count() == 1


def test_nothing_fires_before_its_time_or_on_another_weekday(units):
    early = fire_due_occasions(_at(THURSDAY, 15, 59))
    assert OccasionKind.MISSING not in {o.kind for o in early}
    fired = fire_due_occasions(_at(THURSDAY - datetime.timedelta(days=1), 16, 30))
    assert OccasionKind.MISSING not in {o.kind for o in fired}
    assert not Message.objects.filter(subject__startswith="催报").exists()


def test_two_servers_firing_the_same_moment_send_once(units):
    first = fire_due_occasions(_at(THURSDAY, 16, 0))
    second = fire_due_occasions(_at(THURSDAY, 16, 0))
    assert OccasionKind.MISSING in {o.kind for o in first}
    assert second == []
    assert Message.objects.filter(recipient__username="staff").count() == 1


def test_monday_digest_goes_to_the_leaders(units, leader_user):
    monday = THURSDAY + datetime.timedelta(days=4)
    fired = fire_due_occasions(_at(monday, 9, 0))
    assert OccasionKind.DIGEST in {o.kind for o in fired}
    digest = Message.objects.get(recipient=leader_user)
    assert digest.subject == "第 3 周周报未报单位 2 个"
    assert "园区建设科：1 项" in digest.body and "园区经发局" not in digest.body


def test_due_soon_and_returned_reports(campaign, department, staff_user):
    meeting = f.TopicMeetingFactory(campaign=campaign)
    f.DecisionFactory(
        meeting=meeting,
        responsible_department=department,
        content="完成二期用地报批",
        due_date=THURSDAY + datetime.timedelta(days=2),
    )
    f.DecisionFactory(
        meeting=meeting,
        responsible_department=department,
        content="远期事项",
        due_date=THURSDAY + datetime.timedelta(days=10),
    )
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    f.ProjectReportFactory(
        project=project, report_week=1, reporter=staff_user, state=ReportState.RETURNED
    )
    fire_due_occasions(_at(THURSDAY, 17, 0))
    subjects = set(Message.objects.filter(recipient=staff_user).values_list("subject", flat=True))
    assert "1 项督办事项即将到期或已逾期" in subjects
    assert "1 份周报被退回，请修改后重新提交" in subjects
    due = Message.objects.get(recipient=staff_user, subject__contains="督办")
    assert "完成二期用地报批" in due.body and "远期事项" not in due.body


def test_send_reminders_refuses_a_bad_moment():
    with pytest.raises(CommandError, match="--at 应形如"):
        call_command("send_reminders", "--at=下周四")
