"""回头看 (查漏补缺): the list made on a day holds every target not met (with its gap), open
problem, unfinished 议定事项 / 规划节点 / 电力项目 / 阶段任务, open 督办单 and low feedback, each
with a unit, a measure and a due date; made again it adds only what is new; the unit 办结 its
rows; as of an earlier day the list shows what it showed then."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from baidays.closing import feedback, lookback
from baidays.closing.choices import AnswerChannel, FindingKind
from baidays.closing.models import FollowUp
from core.choices import CompletionStatus
from supervision.choices import Cause
from supervision.models import Supervision
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 8, 10)


def on(day):
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return time_machine.travel(noon, tick=False)


@pytest.fixture
def campaign(department, own_enterprise, admin_user):
    campaign = f.CampaignFactory(slug="lb2026")
    phase = f.PhaseFactory(
        campaign=campaign, start_date=campaign.start_date, end_date=campaign.end_date
    )
    mine = {"responsible_department": department}
    f.ProblemFactory(campaign=campaign, enterprise=own_enterprise, title="用地指标未落实", **mine)
    meeting = f.TopicMeetingFactory(campaign=campaign)
    f.DecisionFactory(meeting=meeting, content="集中上报土地审批手续", **mine)
    f.DecisionFactory(
        meeting=meeting,
        content="已办完的事项",
        status=CompletionStatus.DONE,
        completed_on=datetime.date(2026, 5, 30),
        **mine,
    )
    f.PowerItemFactory(campaign=campaign, name="110千伏线路迁改", **mine)
    f.MilestoneFactory(
        plan=f.PlanFactory(campaign=campaign), title="完成可研初稿", lead_department=department
    )
    f.PhaseTaskFactory(phase=phase, title="形成工作小结", **mine)
    decision = f.DecisionFactory(meeting=meeting, content="督办中的事项", **mine)
    Supervision.objects.create(
        campaign=campaign,
        cause=Cause.DECISION,
        content_type=ContentType.objects.get_for_model(decision),
        object_id=decision.pk,
        target_label="督办中的事项",
        department=department,
        opened_on=datetime.date(2026, 6, 1),
        answer_due=datetime.date(2026, 6, 4),
        escalate_after=datetime.date(2026, 6, 8),
    )
    with on(DAY):
        (request,) = feedback.request_from_served_enterprises(campaign=campaign, today=DAY)
        feedback.answer_feedback(
            feedback_request=request,
            scores={"efficiency": 4, "attitude": 4, "solving": 2},
            comments="问题解决慢",
            respondent="王经理",
            channel=AnswerChannel.PAPER,
            user=admin_user,
            today=DAY,
        )
    return campaign


def _make(campaign, user, day=DAY):
    with on(day):
        return lookback.make_list(campaign=campaign, user=user, today=day)


def test_the_list_finds_every_kind_with_its_unit_measure_and_due_date(
    campaign, admin_user, department
):
    rows = _make(campaign, admin_user)
    kinds = {row.kind for row in rows}
    assert kinds == set(FindingKind.values)
    texts = [row.finding for row in rows]
    assert any(
        t.startswith("基础设施投资完成 0.00 万元，目标 1,156.00 万元，差 1,156.00 万元")
        for t in texts
    )
    assert any(t == "争先杯开工完成 0家，目标 7家，差 7家" for t in texts)
    assert any("用地指标未落实" in t for t in texts)
    assert any("110千伏线路迁改" in t for t in texts) and any("完成可研初稿" in t for t in texts)
    assert any("形成工作小结" in t for t in texts) and any(
        "督办中的事项" in t and "督办单" in t for t in texts
    )
    assert any("本企业有限公司评价偏低" in t and "问题解决不满意" in t for t in texts)
    assert not any("已办完的事项" in t for t in texts)
    problem = next(row for row in rows if row.kind == FindingKind.PROBLEM)
    assert problem.responsible_department == department
    assert problem.due_date == DAY + datetime.timedelta(days=lookback.FOLLOW_UP_DAYS)
    assert problem.measure
    target = next(row for row in rows if row.kind == FindingKind.TARGET)
    assert target.responsible_department == admin_user.person.department
    assert _make(campaign, admin_user, DAY + datetime.timedelta(days=1)) == []


def test_the_unit_completes_its_row_and_the_list_reads_as_of_each_day(
    campaign, admin_user, admin_client, staff_client, other_staff_client
):
    _make(campaign, admin_user)
    problem = FollowUp.objects.get(kind=FindingKind.PROBLEM)
    url = f"/closing/lookback/{problem.pk}/complete/"
    later = DAY + datetime.timedelta(days=2)
    with on(later):
        assert (
            other_staff_client.post(
                url, {"completed_on": later.isoformat(), "result": "x"}
            ).status_code
            == 404
        )
        future = staff_client.post(url, {"completed_on": "2026-08-20", "result": "已落实"})
        assert (
            future.status_code == 302 and FollowUp.objects.get(pk=problem.pk).completed_on is None
        )
        staff_client.post(url, {"completed_on": later.isoformat(), "result": "已落实用地指标"})
        now_page = admin_client.get("/closing/lookback/", {"campaign": "lb2026"}).content.decode()
        then_page = admin_client.get(
            "/closing/lookback/", {"campaign": "lb2026", "as_of": DAY.isoformat()}
        ).content.decode()
        before = admin_client.get(
            "/closing/lookback/", {"campaign": "lb2026", "as_of": "2026-08-09"}
        ).content.decode()
        staff_page = staff_client.get("/closing/lookback/", {"campaign": "lb2026"}).content.decode()
    assert "已办结 8月12日" in now_page and "已落实用地指标" in now_page
    assert "已办结" not in then_page and "用地指标未落实" in then_page
    assert "尚未生成回头看清单" in before
    assert "基础设施投资" not in staff_page and "用地指标未落实" in staff_page  # its own rows


def test_only_the_office_makes_the_list(campaign, leader_client, staff_client):
    with on(DAY):
        assert leader_client.post("/closing/lookback/?campaign=lb2026").status_code == 403
        assert staff_client.post("/closing/lookback/?campaign=lb2026").status_code == 403
    assert not FollowUp.objects.exists()
