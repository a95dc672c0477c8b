"""The item page's 进度计划 editor: the responsible unit's staff and admins write the weeks
(they add up to the 100-day plan) and the 形象进度 nodes; other units get a 404, leaders read
only; every refusal names its week or field and saves nothing; a save over someone else's is
refused; clearing goes back to the linear default; the history says who, when and what."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.choices import LagStatus
from core.own_plan import plan_weeks_of
from supervision.schedules.models import ScheduleNode, ScheduleVersion
from supervision.schedules.selectors import version_in_effect
from tests import factories as f
from tests.baidays.weekly.support import entry_for, nodes_post, project_for, weeks_post

pytestmark = pytest.mark.django_db


def page(project):
    return reverse("projects:detail", args=[project.pk])


def schedule_url(project):
    return reverse("projects:schedule", args=[project.pk])


def nodes_url(project):
    return reverse("projects:schedule-nodes", args=[project.pk])


@pytest.fixture
def road(campaign, department):
    # its own window is the campaign's, whatever day the tests run on
    return project_for(
        campaign,
        department,
        name="纬二路",
        planned_start=campaign.start_date,
        planned_finish=campaign.end_date,
    )


def front_loaded(campaign):
    return {1: "60", 2: "40"}


def test_unit_staff_save_the_weeks_and_the_lag_follows_them(staff_client, campaign, road):
    assert 'data-testid="schedule-editor"' in staff_client.get(page(road)).content.decode()
    response = staff_client.post(schedule_url(road), weeks_post(campaign, front_loaded(campaign)))
    assert response.status_code == 302 and response["Location"].endswith("#schedule")
    assert plan_weeks_of(road) == {1: Decimal("60.00"), 2: Decimal("40.00")}
    context = staff_client.get(page(road)).context
    # all of the plan was due by week 2 and nothing is reported: red by its own plan
    assert context["plan_percent"] == Decimal("100.00")
    assert context["lag"] == LagStatus.RED
    assert context["schedule_written"] is True
    assert [row.planned_wan for row in context["schedule_weeks"][:3]] == [
        Decimal("60.00"),
        Decimal("40.00"),
        Decimal("0.00"),
    ]


def test_an_admin_saves_an_entrys_weeks(admin_client, campaign, department):
    entry = entry_for(campaign, department, planned_investment_wan=Decimal("300.00"))
    url = reverse("enterprises:entry-schedule", args=[entry.pk])
    assert admin_client.post(url, weeks_post(campaign, {3: "300"})).status_code == 302
    assert plan_weeks_of(entry) == {3: Decimal("300.00")}


def test_another_units_staff_get_a_404_and_leaders_read_only(
    other_staff_client, leader_client, reviewer_client, campaign, road
):
    body = weeks_post(campaign, front_loaded(campaign))
    assert other_staff_client.post(schedule_url(road), body).status_code == 404
    refused = leader_client.post(schedule_url(road), body)
    assert refused.status_code == 403 and "领导账号只能查看和批示" in refused.content.decode()
    assert reviewer_client.post(schedule_url(road), body).status_code == 403
    assert leader_client.post(nodes_url(road), nodes_post([])).status_code == 403
    assert not ScheduleVersion.objects.exists()
    f.written_schedule(road, {1: Decimal("100")})
    html = leader_client.get(page(road)).content.decode()
    assert 'id="schedule"' in html and 'data-testid="schedule-weeks"' in html
    assert "schedule-editor" not in html and "node-editor" not in html


def test_an_enterprise_account_reads_its_entrys_schedule_but_does_not_write_it(
    enterprise_client, own_enterprise, campaign, department
):
    entry = entry_for(campaign, department, enterprise=own_enterprise)
    detail = reverse("enterprises:entry-detail", args=[entry.pk])
    assert 'data-testid="schedule-weeks"' in enterprise_client.get(detail).content.decode()
    url = reverse("enterprises:entry-schedule", args=[entry.pk])
    refused = enterprise_client.post(url, weeks_post(campaign, {1: "100"}))
    assert refused.status_code == 403 and "企业账号只能查看" in refused.content.decode()


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ({1: "60", 2: "30"}, "各周计划合计 90.00 万元，与百日计划投资 100.00 万元不符"),
        ({1: "60", 3: "四十"}, "第3周计划投资：请输入金额（万元），例如 12.50"),
        ({1: "140", 3: "-40"}, "第3周计划投资：计划投资不能为负数"),
        ({1: "60", 2: "39.999"}, "第2周计划投资：计划投资最多两位小数"),
    ],
)
def test_refusals_name_the_week_or_field_and_save_nothing(
    staff_client, campaign, road, amounts, message
):
    f.written_schedule(road, {5: Decimal("100")})
    version = version_in_effect(road)
    response = staff_client.post(
        schedule_url(road), weeks_post(campaign, amounts, version=version.pk)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "进度计划没有保存" in html
    assert plan_weeks_of(road) == {5: Decimal("100.00")}
    assert ScheduleVersion.objects.count() == 1


def test_a_week_outside_the_campaign_is_refused_by_its_number(staff_client, campaign, road):
    beyond = campaign.weeks_total + 4
    body = weeks_post(campaign, {1: "50", beyond: "50"}, weeks=[1, beyond])
    response = staff_client.post(schedule_url(road), body)
    assert response.status_code == 400
    assert f"周次 {beyond} 不在本次百日行动内（共 {campaign.weeks_total} 周）" in (
        response.content.decode()
    )
    assert not ScheduleVersion.objects.exists()


@pytest.mark.parametrize("week", ["３", "+1", " 1", "1.0", "99999"])
def test_a_malformed_week_number_is_a_400_not_a_guess(staff_client, campaign, road, week):
    body = weeks_post(campaign, {1: "100"})
    body["weeks-0-week"] = week
    assert staff_client.post(schedule_url(road), body).status_code == 400
    assert not ScheduleVersion.objects.exists()


def test_more_week_rows_than_the_campaign_has_are_refused(staff_client, campaign, road):
    body = weeks_post(campaign, {1: "100"}, weeks=range(1, campaign.weeks_total + 2))
    assert staff_client.post(schedule_url(road), body).status_code == 400
    assert not ScheduleVersion.objects.exists()


def test_a_save_over_someone_elses_is_refused_then_a_deliberate_overwrite(
    staff_client, admin_client, campaign, road
):
    opened_with = 0  # the staff member opened the page before any schedule was written
    assert (
        admin_client.post(schedule_url(road), weeks_post(campaign, {4: "100"})).status_code == 302
    )
    theirs = version_in_effect(road)
    stale = staff_client.post(
        schedule_url(road), weeks_post(campaign, front_loaded(campaign), version=opened_with)
    )
    assert stale.status_code == 400
    html = stale.content.decode()
    assert "保存前其他人已修改了进度计划" in html and "第4周 100.00 万元" in html
    assert plan_weeks_of(road) == {4: Decimal("100.00")}
    # the refused form carries the version now current: submitting it again overwrites
    assert stale.context["schedule_version_form"].data["version"] == str(theirs.pk)
    again = staff_client.post(
        schedule_url(road), weeks_post(campaign, front_loaded(campaign), version=theirs.pk)
    )
    assert again.status_code == 302
    assert plan_weeks_of(road) == {1: Decimal("60.00"), 2: Decimal("40.00")}


def test_clearing_goes_back_to_the_linear_default(staff_client, campaign, road):
    staff_client.post(schedule_url(road), weeks_post(campaign, front_loaded(campaign)))
    version = version_in_effect(road)
    assert "清除进度计划" in staff_client.get(page(road)).content.decode()
    response = staff_client.post(
        schedule_url(road), weeks_post(campaign, {}, version=version.pk, action="clear")
    )
    assert response.status_code == 302
    assert plan_weeks_of(road) == {}
    context = staff_client.get(page(road)).context
    assert context["schedule_written"] is False
    # the linear default: due as time passes over the item's own window (day 46 of 112)
    assert sum(row.planned_wan for row in context["schedule_weeks"]) == Decimal("100.00")
    assert Decimal("30") < context["plan_percent"] < Decimal("50")
    assert "恢复为线性默认" in context["schedule_history"][0].action


def test_the_history_says_who_when_and_what(staff_client, staff_user, campaign, road):
    staff_client.post(schedule_url(road), weeks_post(campaign, {1: "100"}))
    first = version_in_effect(road)
    staff_client.post(
        schedule_url(road), weeks_post(campaign, {1: "30", 2: "70"}, version=first.pk)
    )
    staff_client.post(
        nodes_url(road),
        nodes_post([{"text": "完成路基", "planned_on": campaign.start_date}]),
    )
    response = staff_client.get(page(road))
    newest_version = next(
        entry for entry in response.context["schedule_history"] if "页面填写" in entry.action
    )
    assert newest_version.who == staff_user.person.name
    assert [(c.label, c.old, c.new) for c in newest_version.changes] == [
        ("第1周计划投资（万元）", "100.00", "30.00"),
        ("第2周计划投资（万元）", "（空）", "70.00"),
    ]
    html = response.content.decode()
    assert "进度计划修改记录" in html and "创建形象进度节点" in html and "完成路基" in html
    assert timezone.localtime(first.effective_from).strftime("%Y年%-m月%-d日") in html


def test_nodes_are_added_reached_and_deleted(staff_client, campaign, road):
    today = timezone.localdate()
    planned = campaign.start_date + datetime.timedelta(days=20)
    assert (
        staff_client.post(
            nodes_url(road), nodes_post([{"text": "完成路基", "planned_on": planned}])
        ).status_code
        == 302
    )
    node = ScheduleNode.objects.get(project=road)
    row = {"id": node.pk, "version": node.version, "text": "完成路基", "planned_on": planned}
    response = staff_client.post(nodes_url(road), nodes_post([{**row, "reached_on": today}]))
    assert response.status_code == 302
    node.refresh_from_db()
    assert (node.reached_on, node.version) == (today, 2)
    assert "已完成" in staff_client.get(page(road)).content.decode()
    deleting = {**row, "version": node.version, "delete": True}
    assert staff_client.post(nodes_url(road), nodes_post([deleting])).status_code == 302
    assert not ScheduleNode.objects.exists()


def test_a_refused_node_row_saves_no_row(staff_client, campaign, road):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    good = {"text": "完成路基", "planned_on": campaign.start_date}
    response = staff_client.post(
        nodes_url(road), nodes_post([good, {"text": "", "planned_on": campaign.start_date}])
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写节点内容" in html and "形象进度节点没有保存" in html
    assert not ScheduleNode.objects.exists()
    rows = [good, {"text": "管网贯通", "planned_on": campaign.start_date, "reached_on": tomorrow}]
    response = staff_client.post(nodes_url(road), nodes_post(rows))
    assert response.status_code == 400
    assert "实际完成日期不能晚于今天" in response.content.decode()
    assert not ScheduleNode.objects.exists()


def test_more_node_rows_than_the_page_offered_are_refused(staff_client, campaign, road):
    rows = [{"text": f"节点{n}", "planned_on": campaign.start_date} for n in range(3)]
    assert staff_client.post(nodes_url(road), nodes_post(rows)).status_code == 400
    assert not ScheduleNode.objects.exists()


def test_a_node_changed_meanwhile_is_refused(staff_client, campaign, road):
    node = f.ScheduleNodeFactory(project=road, text="完成路基")
    node.text, node.version = "完成路基及管网", 2
    node.save()
    stale = {"id": node.pk, "version": 1, "text": "路基", "planned_on": node.planned_on}
    response = staff_client.post(nodes_url(road), nodes_post([stale]))
    assert response.status_code == 400
    assert "保存前其他人已修改了" in response.content.decode()
    node.refresh_from_db()
    assert node.text == "完成路基及管网"


def test_another_items_node_cannot_be_changed_through_this_item(staff_client, campaign, road):
    other = f.ScheduleNodeFactory(project=project_for(campaign, road.responsible_department))
    row = {
        "id": other.pk,
        "version": other.version,
        "text": "改别人的",
        "planned_on": other.planned_on,
    }
    assert staff_client.post(nodes_url(road), nodes_post([row])).status_code == 400
    other.refresh_from_db()
    assert other.text == "完成路基"


def test_the_page_as_of_an_earlier_day_shows_the_schedule_then_in_effect(
    staff_client, campaign, road
):
    f.written_schedule(road, {campaign.weeks_total: Decimal("100")})  # all due at the end
    staff_client.post(
        schedule_url(road),
        weeks_post(campaign, front_loaded(campaign), version=version_in_effect(road).pk),
    )
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    before = staff_client.get(page(road), {"as_of": yesterday}).context
    assert (before["plan_percent"], before["lag"]) == (Decimal("0.00"), LagStatus.ON_TRACK)
    assert "schedule_version_form" not in before  # no editor on a past day
    now = staff_client.get(page(road)).context
    assert (now["plan_percent"], now["lag"]) == (Decimal("100.00"), LagStatus.RED)


def test_the_nodes_as_of_an_earlier_day_are_as_they_stood_then(staff_client, campaign, road):
    today = timezone.localdate()
    added, reached = today - datetime.timedelta(days=10), today - datetime.timedelta(days=2)

    def noon(day):
        return datetime.datetime.combine(day, datetime.time(4), tzinfo=datetime.UTC)

    with time_machine.travel(noon(added), tick=False):
        node = f.ScheduleNodeFactory(project=road, text="完成路基", planned_on=added)
    with time_machine.travel(noon(reached), tick=False):
        node.reached_on = reached
        node.save()

    def nodes(as_of):
        context = staff_client.get(page(road), {"as_of": as_of.isoformat()}).context
        return [(n.text, n.reached_on) for n in context["schedule_nodes"]]

    assert nodes(added - datetime.timedelta(days=1)) == []
    assert nodes(reached - datetime.timedelta(days=1)) == [("完成路基", None)]
    assert nodes(reached) == [("完成路基", reached)]
