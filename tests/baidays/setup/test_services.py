import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.models import Campaign, Phase, PhaseTask
from plans.models import Milestone
from topics.models import PowerItem, TopicTarget

pytestmark = pytest.mark.django_db


def run_setup(year=2026):
    call_command("setup_campaign", "--year", str(year), stdout=StringIO())
    return Campaign.objects.get(slug=str(year))


def test_setup_campaign_creates_the_plans_dates_and_targets():
    campaign = run_setup()
    assert campaign.start_date == datetime.date(2026, 5, 1)
    assert campaign.end_date == datetime.date(2026, 8, 20)
    assert campaign.infrastructure_target_wan == Decimal("1156.00")
    assert campaign.competition_target_wan == Decimal("17800.00")
    assert (campaign.goal_start_count, campaign.goal_accelerate_count) == (7, 12)
    assert campaign.goal_complete_count == 1
    phases = list(campaign.phases.values_list("name", "start_date", "end_date"))
    assert phases == [
        ("发动阶段", datetime.date(2026, 5, 1), datetime.date(2026, 5, 20)),
        ("推进阶段", datetime.date(2026, 5, 21), datetime.date(2026, 7, 31)),
        ("总结阶段", datetime.date(2026, 8, 1), datetime.date(2026, 8, 20)),
    ]


def test_setup_campaign_creates_phase_tasks_of_the_plan():
    campaign = run_setup()
    mobilize = set(
        PhaseTask.objects.filter(phase__campaign=campaign, phase__kind="mobilize").values_list(
            "title", flat=True
        )
    )
    assert {"召开动员大会", "开展解放思想大讨论", "开展一次调研", "制订行动计划"} == mobilize
    summarize = PhaseTask.objects.filter(phase__campaign=campaign, phase__kind="summarize")
    assert summarize.count() == 4
    assert summarize.filter(title="责任人评议").exists()


def test_setup_campaign_creates_topic_targets_and_power_items():
    campaign = run_setup()
    targets = {t.metric: t for t in TopicTarget.objects.filter(campaign=campaign)}
    assert targets["land_approval_mu"].quantity == Decimal("150")
    assert targets["land_approval_mu"].period_end == datetime.date(2026, 5, 31)
    assert targets["land_plan_adjust_mu"].quantity == Decimal("400")
    assert targets["land_plan_adjust_mu"].period_start == datetime.date(2026, 6, 1)
    assert targets["approvals_solved"].quantity == Decimal("7")
    assert targets["approvals_solved"].unit == "家"
    names = list(PowerItem.objects.filter(campaign=campaign).values_list("name", flat=True))
    assert len(names) == 7
    assert any("东一路" in n for n in names) and any("纬二路" in n for n in names)
    assert sum("下各110kV" in n for n in names) == 2


def test_setup_campaign_creates_plan_milestones_with_lead_departments():
    campaign = run_setup()
    milestones = {
        m.title: (m.lead_department.name, m.due_date)
        for m in Milestone.objects.filter(plan__campaign=campaign)
    }
    assert milestones["工业新城控制性详规评审"] == ("县建设规划局", datetime.date(2026, 7, 31))
    assert milestones["完成功能规划和工业园区扩容可研初稿"] == (
        "县发改局",
        datetime.date(2026, 6, 30),
    )
    assert milestones["杨府移民小区村庄整治一期初设报批"][1] == datetime.date(2026, 7, 31)
    assert len(milestones) == 4


def test_setup_campaign_twice_changes_nothing():
    campaign = run_setup()
    counts = (
        Campaign.objects.count(),
        Phase.objects.count(),
        PhaseTask.objects.count(),
        TopicTarget.objects.count(),
        PowerItem.objects.count(),
        Milestone.objects.count(),
    )
    campaign.name = "改过的名称"
    campaign.save()
    run_setup()
    assert counts == (
        Campaign.objects.count(),
        Phase.objects.count(),
        PhaseTask.objects.count(),
        TopicTarget.objects.count(),
        PowerItem.objects.count(),
        Milestone.objects.count(),
    )
    assert Campaign.objects.get(slug="2026").name == "改过的名称"


def test_setup_then_summary_prints_the_plans_figures(capsys):
    run_setup()
    call_command("summary", "--campaign", "2026", "--as-of", "2026-05-01")
    data = json.loads(capsys.readouterr().out)
    assert data["campaign"]["start"] == "2026-05-01"
    assert data["campaign"]["end"] == "2026-08-20"
    assert data["campaign"]["day"] == 1
    assert data["infrastructure"]["target_wan"] == "1156.00"
    assert data["competition"]["target_wan"] == "17800.00"
    goals = data["competition"]["goals"]
    assert [goals[k]["planned"] for k in ("start", "accelerate", "complete")] == [7, 12, 1]


def test_setup_campaign_rejects_an_absurd_year():
    with pytest.raises(CommandError, match="年度"):
        call_command("setup_campaign", "--year", "99")
