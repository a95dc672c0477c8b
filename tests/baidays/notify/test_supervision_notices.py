"""督办 in the reminders, with the real outbox (a local robot, aiosmtpd): a 黄牌 reaches the unit,
a 红牌 the responsible leader and the leaders' office, each once however often `supervise` and
the jobs run; outside deliveries keep the quiet hours; unanswered 督办单 are reminded of."""

import datetime
import email
import email.policy
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from baidays.jobs.periodic import run_periodic_jobs
from baidays.notify import supervision_notices
from baidays.notify.models import Channel, ChannelKind, Message, OutboxEntry, SupervisionNotice
from baidays.notify.reminders import fire_due_occasions
from baidays.notify.supervision_notices import tell_supervisions
from core.models import Department
from supervision.models import Supervision
from supervision.schedules.services import replace_schedule
from supervision.services import answer, supervise
from tests import factories as f
from tests.baidays.notify.peers import RecordingRobot, smtp_server

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 15)  # report week 8
RED_DAY = DAY + datetime.timedelta(days=8)  # past the 7 days a 黄牌 has


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture(autouse=True)
def quiet_hours(settings):
    settings.NOTIFY_QUIET_HOURS = (datetime.time(22), datetime.time(7))
    settings.PORTAL_URL = ""


@pytest.fixture
def road(department, staff_user, reviewer_user, leader_user, admin_user, other_staff_user):
    """A road of 园区建设科 far behind its front-loaded plan, its leader in the leaders' office."""
    campaign = f.CampaignFactory(slug="dubann")
    project = f.ProjectFactory(
        campaign=campaign,
        name="纬二路道路工程",
        responsible_department=department,
        responsible_leader=leader_user.person,
    )
    # written before the days it is judged on: the lag as of a day reads the schedule then
    with time_machine.travel(at(datetime.date(2026, 5, 1), 9), tick=False):
        replace_schedule(item=project, weeks={1: Decimal("100")})
    for week in range(1, 9):
        f.ProjectReportFactory(project=project, report_week=week, week_investment_wan=Decimal("5"))
    return project


@pytest.fixture
def robots(department):
    office = Department.objects.get(name="县工业园区管委会")
    with RecordingRobot() as unit_robot, RecordingRobot() as office_robot:
        Channel.objects.create(department=department, kind=ChannelKind.WECOM, target=unit_robot.url)
        Channel.objects.create(
            department=office, kind=ChannelKind.DINGTALK, target=office_robot.url
        )
        yield unit_robot, office_robot


def run_jobs(moment):
    with time_machine.travel(moment, tick=False):
        return run_periodic_jobs(moment)


def inbox():
    return {
        username: (subject, body)
        for username, subject, body in Message.objects.values_list(
            "recipient__username", "subject", "body"
        )
    }


def robot_texts(robot):
    return [
        request["json"]["markdown"].get("content") or request["json"]["markdown"]["text"]
        for request in robot.requests
    ]


def test_a_yellow_card_reaches_the_unit_once_naming_item_cause_deadline_and_link(
    road, robots, settings
):
    unit_robot, office_robot = robots
    controller, box = smtp_server()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
        settings.EMAIL_USE_TLS = False
        Channel.objects.create(
            department=road.responsible_department, kind=ChannelKind.EMAIL, target="js@a.cn"
        )
        supervise(campaign=road.campaign, as_of=DAY)
        assert run_jobs(at(DAY, 10))["supervisions_told"] == 1
        supervise(campaign=road.campaign, as_of=DAY)  # re-running changes nothing
        assert run_jobs(at(DAY, 10, 1))["supervisions_told"] == 0
        call_command("send_reminders", "--at=2026-06-15 10:02", "--force", stdout=io.StringIO())
    finally:
        controller.stop()
    ticket = Supervision.objects.get()
    received = inbox()
    assert set(received) == {"staff", "reviewer"}  # the unit's people, not another unit's
    subject, body = received["staff"]
    assert subject == "黄牌督办：纬二路道路工程"
    assert "【黄牌】督办单" in body and ticket.number in body
    assert "投资完成率严重滞后于计划（红色）" in body and "计划完成率 100.00%" in body
    assert "答复期限：2026年6月18日" in body and "2026年6月22日后仍未销号的，升级为红牌" in body
    assert f"/supervision/{ticket.pk}/?campaign=dubann" in body
    assert [text.split("\n", 1)[1] for text in robot_texts(unit_robot)] == [body]
    assert office_robot.requests == []
    assert len(box.messages) == 1
    mail = email.message_from_bytes(box.messages[0].content, policy=email.policy.default)
    assert mail["Subject"] == subject and "纬二路道路工程" in mail.get_content()
    assert OutboxEntry.objects.count() == 2


def test_a_red_card_reaches_the_leader_and_the_office_once(road, robots, settings):
    unit_robot, office_robot = robots
    settings.PORTAL_URL = "https://baidays.example.gov.cn"
    supervise(campaign=road.campaign, as_of=DAY)
    run_jobs(at(DAY, 10))
    Message.objects.all().delete()
    supervise(campaign=road.campaign, as_of=RED_DAY)
    assert run_jobs(at(RED_DAY, 9))["supervisions_told"] == 1
    supervise(campaign=road.campaign, as_of=RED_DAY)
    assert run_jobs(at(RED_DAY, 9, 5))["supervisions_told"] == 0
    received = {name: text for name, text in inbox().items() if text[0].startswith("红牌")}
    # the responsible leader and the leaders' office (its admin); not the unit again
    assert set(received) == {"leader", "admin"}
    subject, body = received["leader"]
    assert subject == "红牌督办：纬二路道路工程"
    assert (
        "【红牌】" in body and "2026年6月15日发出黄牌，逾期未销号，2026年6月23日升级为红牌" in body
    )
    assert "责任领导：leader（科员）" in body and "答复期限：2026年6月18日" in body
    ticket = Supervision.objects.get()
    link = f"https://baidays.example.gov.cn/supervision/{ticket.pk}/?campaign=dubann"
    assert link in body
    # the unit's robot had the 黄牌 (and the day's reminder of the overdue answer), not this
    assert not any("红牌督办" in text for text in robot_texts(unit_robot))
    assert len(office_robot.requests) == 1 and link in robot_texts(office_robot)[0]
    assert SupervisionNotice.objects.count() == 2


def test_outside_deliveries_wait_for_the_end_of_the_quiet_hours(road, robots):
    unit_robot, _office_robot = robots
    supervise(campaign=road.campaign, as_of=DAY)
    run_jobs(at(DAY, 23, 10))
    assert Message.objects.filter(recipient__username="staff").count() == 1  # the inbox at once
    assert unit_robot.requests == []
    next_morning = DAY + datetime.timedelta(days=1)
    run_jobs(at(next_morning, 6, 59))
    assert unit_robot.requests == []
    run_jobs(at(next_morning, 7, 1))
    assert len(unit_robot.requests) == 1
    assert Message.objects.filter(recipient__username="staff").count() == 1


def test_a_second_server_telling_the_same_cards_sends_nothing(road, robots, monkeypatch):
    supervise(campaign=road.campaign, as_of=DAY)
    pending = supervision_notices._pending
    seen = {event: pending(event, DAY) for event in ("opened", "escalated")}
    assert tell_supervisions(at(DAY, 10)) == {"opened": 1, "escalated": 0}
    # the other server read the same 督办单 before this one wrote its notices
    monkeypatch.setattr(supervision_notices, "_pending", lambda event, day: seen[event])
    assert tell_supervisions(at(DAY, 10)) == {"opened": 0, "escalated": 0}
    assert Message.objects.count() == 2 and OutboxEntry.objects.count() == 1


def test_closed_or_not_yet_opened_cards_are_not_told(road):
    supervise(campaign=road.campaign, as_of=DAY)
    assert tell_supervisions(at(DAY - datetime.timedelta(days=1), 10))["opened"] == 0
    Supervision.objects.update(closed_on=DAY)
    assert tell_supervisions(at(DAY, 10))["opened"] == 0
    assert Message.objects.count() == 0


def test_the_daily_reminder_names_unanswered_cards_due_tomorrow_or_overdue(road, staff_user):
    supervise(campaign=road.campaign, as_of=DAY)
    ticket = Supervision.objects.get()
    fire_due_occasions(at(DAY + datetime.timedelta(days=1), 8, 30))  # due on the 18th
    assert not Message.objects.filter(subject__contains="即将到期").exists()
    fire_due_occasions(at(datetime.date(2026, 6, 17), 8, 30))
    due = Message.objects.get(recipient=staff_user, subject__contains="即将到期")
    assert due.subject == "1 项督办事项即将到期或已逾期"
    assert f"督办单 {ticket.number}（黄牌）：纬二路道路工程" in due.body
    assert "答复期限 2026年6月18日，请按期答复" in due.body
    assert f"/supervision/{ticket.pk}/?campaign=dubann" in due.body
    fire_due_occasions(at(datetime.date(2026, 6, 17), 17, 0))  # once a day
    assert Message.objects.filter(recipient=staff_user, subject__contains="即将到期").count() == 1
    fire_due_occasions(at(datetime.date(2026, 6, 19), 8, 30))
    overdue = Message.objects.filter(recipient=staff_user, subject__contains="即将到期").first()
    assert "已逾期未答复，请立即答复" in overdue.body
    answer(
        supervision=ticket,
        user=staff_user,
        measures="增加施工班组",
        promised_on=datetime.date(2026, 7, 10),
        today=datetime.date(2026, 6, 19),
    )
    fire_due_occasions(at(datetime.date(2026, 6, 20), 8, 30))
    assert not Message.objects.filter(
        recipient=staff_user, subject__contains="即将到期", created_at__date="2026-06-20"
    ).exists()
