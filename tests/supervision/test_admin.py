"""督办 and 进度计划 in the admin: every page renders for the admin; 督办单 are only read there
(filters by level, cause, unit and state; search; history) and acted on through the services;
schedule versions and their weeks are read only; a 形象进度 node is saved through save_node."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from supervision.choices import Cause, ClosedBy
from supervision.models import Supervision
from supervision.schedules.models import ScheduleNode
from supervision.schedules.services import replace_schedule
from supervision.services import supervise
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 6, 24, 10, 0), tick=False):
        yield


@pytest.fixture
def tickets():
    """A red 督办单 (opened on DAY, escalated eight days later) and an overdue decision's."""
    campaign = f.CampaignFactory(slug="adm")
    road = f.ProjectFactory(campaign=campaign, name="纬二路道路工程")
    # written before the days it is judged on: the lag as of a day reads the schedule then
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0), tick=False):
        replace_schedule(item=road, weeks={1: Decimal("100")})
    for week in range(1, 9):
        f.ProjectReportFactory(project=road, report_week=week, week_investment_wan=Decimal("5"))
    f.DecisionFactory(meeting__campaign=campaign, due_date=datetime.date(2026, 6, 22))
    supervise(campaign=campaign, as_of=DAY)
    supervise(campaign=campaign, as_of=DAY + datetime.timedelta(days=8))
    return campaign, road


def changelist(client, **query):
    response = client.get(reverse("admin:supervision_supervision_changelist"), query)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_every_page_renders_for_the_admin_and_the_writes_are_the_services(admin_client, tickets):
    _campaign, road = tickets
    ticket = Supervision.objects.get(cause=Cause.RED)
    replace_schedule(item=road, weeks={1: Decimal("60"), 2: Decimal("40")})
    version = road.schedule_versions.get(superseded_at__isnull=True)
    node = ScheduleNode.objects.create(project=road, text="路基完成", planned_on=DAY)
    pages = {
        "supervision_supervision": ticket.pk,
        "schedules_scheduleversion": version.pk,
        "schedules_schedulenode": node.pk,
    }
    for name, pk in pages.items():
        for url in [
            reverse(f"admin:{name}_changelist"),
            reverse(f"admin:{name}_change", args=[pk]),
            reverse(f"admin:{name}_history", args=[pk]),
        ]:
            assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(reverse("admin:schedules_schedulenode_add")).status_code == 200
    # opened by supervise, plan weeks written whole: neither is added in the admin
    assert admin_client.get(reverse("admin:supervision_supervision_add")).status_code == 403
    assert admin_client.get(reverse("admin:schedules_scheduleversion_add")).status_code == 403
    weeks = admin_client.get(reverse("admin:schedules_scheduleversion_change", args=[version.pk]))
    assert "60.00" in weeks.content.decode() and "40.00" in weeks.content.decode()
    view = admin_client.get(reverse("admin:supervision_supervision_change", args=[ticket.pk]))
    assert 'name="_save"' not in view.content.decode()  # read only
    history = admin_client.get(reverse("admin:supervision_supervision_history", args=[ticket.pk]))
    assert history.context["page_obj"].paginator.count == 2  # opened, escalated


def test_the_list_filters_by_level_cause_unit_and_state_and_searches(admin_client, tickets):
    _campaign, road = tickets
    red = Supervision.objects.get(cause=Cause.RED)
    decision = Supervision.objects.get(cause=Cause.DECISION)
    assert changelist(admin_client, level="red") == [red]
    assert changelist(admin_client, level="yellow") == [decision]
    assert changelist(admin_client, cause="decision") == [decision]
    unit = road.responsible_department_id
    assert changelist(admin_client, department__id__exact=unit) == [red]
    assert set(changelist(admin_client, open="yes")) == {red, decision}
    assert changelist(admin_client, open="no") == []
    assert changelist(admin_client, q="纬二路") == [red]


def test_the_close_action_asks_for_a_note_and_closes_through_the_service(admin_client, tickets):
    red = Supervision.objects.get(cause=Cause.RED)
    url = reverse("admin:supervision_supervision_changelist")
    chosen = {"action": "close_selected", "_selected_action": [red.pk]}
    asked = admin_client.post(url, chosen)
    assert asked.status_code == 200 and "销号说明" in asked.content.decode()
    refused = admin_client.post(url, {**chosen, "apply": "1", "close_note": ""})
    assert "这个字段是必填项" in refused.content.decode()
    done = admin_client.post(url, {**chosen, "apply": "1", "close_note": "已专题调度"}, follow=True)
    assert "已销号 1 张督办单" in done.content.decode()
    red.refresh_from_db()
    assert (red.closed_how, red.close_note, red.closed_by.username) == (
        ClosedBy.LEADER,
        "已专题调度",
        "admin",
    )
    assert red.history.first().history_user.username == "admin"


def test_the_supervise_action_runs_the_days_supervision(admin_client, tickets):
    campaign, road = tickets
    f.ProjectFactory(campaign=campaign, name="不报周报的项目")
    url = reverse("admin:supervision_supervision_changelist")
    red = Supervision.objects.get(cause=Cause.RED)
    response = admin_client.post(
        url, {"action": "supervise_campaigns", "_selected_action": [red.pk]}, follow=True
    )
    # behind its own plan and without the reports of weeks 7 and 8: two causes
    assert "新发 2 张" in response.content.decode()
    assert Supervision.objects.filter(target_label="不报周报的项目").count() == 2


def test_a_node_is_saved_through_the_service_and_needs_one_item(admin_client, tickets):
    _campaign, road = tickets
    url = reverse("admin:schedules_schedulenode_add")
    data = {"text": "主体封顶", "planned_on": "2026-07-01", "reached_on": ""}
    refused = admin_client.post(url, data)
    assert "请选择一个项目或一个争先杯项目" in refused.content.decode()
    outside = admin_client.post(url, {**data, "project": road.pk, "planned_on": "2031-07-01"})
    assert "计划日期 2031-07-01 不在本次百日行动的日期范围内" in outside.content.decode()
    assert ScheduleNode.objects.count() == 0
    saved = admin_client.post(url, {**data, "project": road.pk})
    assert saved.status_code == 302
    assert ScheduleNode.objects.get().item == road
