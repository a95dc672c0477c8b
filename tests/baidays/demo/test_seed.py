import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from core.models import Campaign
from enterprises.models import CompetitionEntry, KeyEnterprise, Problem
from projects.models import Project, ProjectReport
from topics.models import TopicMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_output():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_imports_the_four_annexes(demo_output):
    campaign = Campaign.objects.get(slug="demo")
    assert Project.objects.filter(campaign=campaign, annex=1).count() == 21
    assert Project.objects.filter(campaign=campaign, annex=3).count() == 10
    assert CompetitionEntry.objects.filter(campaign=campaign).count() == 20
    assert KeyEnterprise.objects.filter(campaign=campaign).count() == 6


def test_seed_demo_puts_today_in_the_advancement_phase(demo_output):
    out = StringIO()
    call_command("summary", stdout=out)
    data = json.loads(out.getvalue())
    assert data["campaign"]["slug"] == "demo"
    assert data["campaign"]["phase"]["kind"] == "advance"
    assert data["infrastructure"]["planned_wan"] == "1156.00"
    assert data["competition"]["planned_wan"] == "17800.00"
    completed = float(data["infrastructure"]["completed_wan"])
    assert 0 < completed < 1156
    lag = data["infrastructure"]["lagging"]
    assert lag["red"] >= 1 and lag["total"] < data["infrastructure"]["count"]
    assert data["reports"]["submitted"] > 0 and data["reports"]["missing"] > 0


def test_seed_demo_has_weeks_of_reports_problems_and_meetings(demo_output):
    weeks = set(ProjectReport.objects.values_list("report_week", flat=True))
    assert len(weeks) >= 5
    assert Problem.objects.count() >= 5
    assert Problem.objects.filter(status__in=["resolved", "confirmed"]).exists()
    assert TopicMeeting.objects.count() == 3


def test_seed_demo_writes_no_moment_in_the_future(demo_output):
    from django.utils import timezone

    from core.models import Instruction
    from enterprises.models import EntryReport

    now = timezone.now()
    for model, field in [
        (ProjectReport, "submitted_at"),
        (EntryReport, "submitted_at"),
        (Instruction, "created_at"),
    ]:
        assert not model.objects.filter(**{f"{field}__gt": now}).exists(), model.__name__
    today = timezone.localdate()
    assert not Problem.objects.filter(raised_on__gt=today).exists()
    assert not Problem.objects.filter(resolved_on__gt=today).exists()


def test_seed_demo_creates_users_per_role_and_prints_logins(demo_output, settings):
    request = RequestFactory().post("/accounts/login/")
    for username in ("admin", "leader", "staff", "staff2"):
        assert username in demo_output
        assert authenticate(request, username=username, password=settings.DEMO_PASSWORD)
    assert "baidays-demo" in demo_output


def test_seed_demo_if_empty_leaves_a_used_database_alone(demo_output):
    before = ProjectReport.objects.count()
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "未载入" in out.getvalue()
    assert "staff2" in out.getvalue()  # make run prints the logins every time
    assert ProjectReport.objects.count() == before


def test_demo_start_keeps_today_in_advancement_whatever_the_date():
    from baidays.demo.seed import DEMO_DAY, demo_start

    for today in [datetime.date(2026, 1, 3), datetime.date(2027, 12, 31)]:
        start = demo_start(today)
        assert (today - start).days + 1 == DEMO_DAY
