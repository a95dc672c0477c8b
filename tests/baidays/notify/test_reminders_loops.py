"""Issue 19 (notify points): `send_reminders --at` tried as a test uses up nothing (--dry-run
previews and records nothing; --at alone is refused, --force fires for real); the daily
"即将到期或已逾期" reminder includes items already overdue; the reminder rule's weekday is a
choice of 周一…周日 or 每天."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from baidays.notify.models import Message, OccasionKind, OutboxEntry, ReminderOccasion
from baidays.notify.reminders import fire_due_occasions
from tests import factories as f

pytestmark = pytest.mark.django_db
THURSDAY = datetime.date(2026, 5, 14)
MORNING = timezone.make_aware(datetime.datetime(2026, 5, 14, 10, 0))


@pytest.fixture
def missing(department, staff_user):
    campaign = f.CampaignFactory(
        slug="loops", start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 8, 8)
    )
    f.ProjectFactory(campaign=campaign, responsible_department=department, name="纬二路")
    return campaign


def test_send_reminders_at_alone_is_refused_and_uses_up_nothing(missing):
    with (
        time_machine.travel(MORNING, tick=False),
        pytest.raises(CommandError, match="--dry-run"),
    ):
        call_command("send_reminders", "--at=2026-05-14 16:00")
    assert not ReminderOccasion.objects.exists()


def test_send_reminders_dry_run_previews_and_the_real_occasion_still_fires(missing, staff_user):
    out = io.StringIO()
    with time_machine.travel(MORNING, tick=False):
        call_command("send_reminders", "--at=2026-05-14 16:00", "--dry-run", stdout=out)
    assert "站内消息 → staff：催报：第 3 周周报还有 1 项未报" in out.getvalue()
    assert "没有记录任何场次" in out.getvalue()
    assert not ReminderOccasion.objects.exists() and not Message.objects.exists()
    assert not OutboxEntry.objects.exists()
    # at 16:00 the day's real occasion fires as if nobody had tried
    fired = fire_due_occasions(timezone.make_aware(datetime.datetime(2026, 5, 14, 16, 0)))
    assert OccasionKind.MISSING in {o.kind for o in fired}
    assert Message.objects.filter(recipient=staff_user, subject__startswith="催报").count() == 1


def test_the_due_soon_reminder_includes_items_already_overdue(missing, department, staff_user):
    meeting = f.TopicMeetingFactory(campaign=missing)
    f.DecisionFactory(
        meeting=meeting,
        responsible_department=department,
        content="完成二期用地报批",
        due_date=THURSDAY - datetime.timedelta(days=5),
    )
    f.ProblemFactory(
        campaign=missing,
        responsible_department=department,
        title="供电线路迁改",
        raised_on=datetime.date(2026, 5, 2),
        due_date=THURSDAY - datetime.timedelta(days=1),
    )
    at = timezone.make_aware(datetime.datetime(2026, 5, 14, 8, 30))
    with time_machine.travel(at, tick=False):
        fire_due_occasions(at)
    due = Message.objects.get(recipient=staff_user, subject__contains="即将到期或已逾期")
    assert due.subject == "2 项督办事项即将到期或已逾期"
    assert "议定事项：完成二期用地报批（5月9日到期，已逾期）" in due.body
    assert "督办问题：供电线路迁改（5月13日到期，已逾期）" in due.body


def test_the_reminder_rules_weekday_is_a_choice_of_days(admin_client, missing):
    form = admin_client.get("/admin/notify/reminderrule/add/").content.decode()
    assert "星期（0=周一" not in form
    for day in ("周一", "周三", "周日"):
        assert f">{day}</option>" in form
    assert "留空为每天" in form
    fire_due_occasions(MORNING)  # the default rules
    listing = admin_client.get("/admin/notify/reminderrule/").content.decode()
    assert '<td class="field-day">周四</td>' in listing
    assert '<td class="field-day">每天</td>' in listing
