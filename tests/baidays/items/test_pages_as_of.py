"""An item page with ?as_of= shows the item as it stood at the end of that day."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from core.models import Instruction
from tests import factories as f

pytestmark = pytest.mark.django_db

# 2026-07-01 10:00 Beijing time; the campaign runs 2026-05-01 to 2026-08-20
NOW = datetime.datetime(2026, 7, 1, 2, tzinfo=datetime.UTC)


@pytest.fixture
def plan_campaign():
    return f.CampaignFactory(slug="plan2026")


@time_machine.travel(NOW, tick=False)
def test_the_item_page_as_of_a_past_day_leaves_out_what_came_later(leader_client, plan_campaign):
    campaign = plan_campaign
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100.00"))
    f.ProjectReportFactory(project=project, report_week=3, week_investment_wan=Decimal("10.00"))
    f.ProjectReportFactory(project=project, report_week=8, week_investment_wan=Decimal("30.00"))
    Instruction.objects.create(item=project, author=f.UserFactory(), text="今天写的批示")
    f.ProblemFactory(project=project, enterprise=None, raised_on=datetime.date(2026, 6, 20))
    url = f"/projects/{project.pk}/"

    today = leader_client.get(url).context
    assert today["completed_wan"] == Decimal("40.00")
    assert [i.text for i in today["instructions"]] == ["今天写的批示"]
    assert len(today["problems"]) == 1

    may = leader_client.get(url, {"as_of": "2026-05-31"})
    assert may.context["completed_wan"] == Decimal("10.00")
    assert [r.report_week for r in may.context["reports"]] == [3]
    assert may.context["instructions"] == [] and may.context["problems"] == []
    assert "截至 2026年5月31日" in may.content.decode()


def test_a_malformed_as_of_shows_today_with_a_message(leader_client, campaign):
    project = f.ProjectFactory(campaign=campaign)
    response = leader_client.get(f"/projects/{project.pk}/", {"as_of": "2026-13-40"})
    assert response.status_code == 200
    assert "2026-13-40" in response.content.decode() and "无效" in response.content.decode()
