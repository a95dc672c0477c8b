"""The keys `summary` gained for the dashboards: phases, weeks and instructions."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from core.choices import PhaseKind
from tests import factories as f

pytestmark = pytest.mark.django_db


def summary(*args):
    out = StringIO()
    call_command("summary", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="t2026")


def test_phases_count_tasks_done_and_overdue_as_of_the_date(campaign):
    phase = f.PhaseFactory(
        campaign=campaign,
        kind=PhaseKind.MOBILIZE,
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 5, 20),
    )
    f.PhaseTaskFactory(
        phase=phase,
        due_date=datetime.date(2026, 5, 20),
        completed_on=datetime.date(2026, 5, 10),
        status="done",
    )
    f.PhaseTaskFactory(phase=phase, due_date=datetime.date(2026, 5, 20))
    data = summary("--campaign", "t2026", "--as-of", "2026-05-25")
    assert data["phases"][0]["kind"] == "mobilize"
    assert (data["phases"][0]["tasks"], data["phases"][0]["tasks_done"]) == (2, 1)
    assert data["phases"][0]["tasks_overdue"] == 1
    early = summary("--campaign", "t2026", "--as-of", "2026-05-05")
    assert (early["phases"][0]["tasks_done"], early["phases"][0]["tasks_overdue"]) == (0, 0)


def test_weeks_accumulate_investment_against_time_progress(campaign):
    project = f.ProjectFactory(campaign=campaign)
    f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("11.56"))
    f.ProjectReportFactory(project=project, report_week=3, week_investment_wan=Decimal("11.56"))
    weeks = summary("--campaign", "t2026", "--as-of", "2026-05-15")["weeks"]
    assert weeks[0] == {
        "week": 1,
        "end": "2026-05-01",
        "time_percent": "0.89",
        "infrastructure_wan": "11.56",
        "infrastructure_percent": "1.00",
        "competition_wan": "0.00",
        "competition_percent": "0.00",
        # the project's own plan starts on 2026-05-08 (linear to its finish)
        "infrastructure_planned_wan": "0.00",
        "infrastructure_planned_percent": "0.00",
        "competition_planned_wan": "0.00",
        "competition_planned_percent": "0.00",
    }
    assert weeks[2]["infrastructure_wan"] == "23.12"
    assert "infrastructure_wan" not in weeks[3]
    assert "infrastructure_planned_wan" not in weeks[3]
    assert weeks[-1]["time_percent"] == "100.00"


def test_instructions_count_and_unread(campaign):
    project = f.ProjectFactory(campaign=campaign)
    f.InstructionFactory(target=project)
    f.InstructionFactory(target=f.ProjectFactory())  # another campaign's project
    data = summary("--campaign", "t2026")
    assert data["instructions"] == {"total": 1, "unread": 1}


def test_api_summary_equals_the_command_with_every_key(campaign, leader_client):
    f.PhaseFactory(campaign=campaign)
    f.InstructionFactory(target=f.ProjectFactory(campaign=campaign))
    api = leader_client.get("/api/summary/", {"campaign": "t2026", "as_of": "2026-06-15"}).json()
    assert api == summary("--campaign", "t2026", "--as-of", "2026-06-15")
    for key in [
        "campaign",
        "infrastructure",
        "competition",
        "key_projects",
        "key_enterprises",
        "topics",
        "plans",
        "reports",
        "phases",
        "weeks",
        "instructions",
    ]:
        assert key in api
