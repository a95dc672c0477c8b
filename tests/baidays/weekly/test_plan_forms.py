"""Forms for the rest of the plan: plan items done with evidence, meetings, 招商引资, 评议
(problems and service visits: test_problem_forms.py)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.choices import CompletionStatus
from core.models import PersonEvaluation
from enterprises.models import LandTransfer, PromotionEvent
from tests import factories as f
from tests.baidays.weekly.support import project_for
from topics.models import Decision, TopicMeeting

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def evidence(name="会议纪要.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF" + b"0" * size, content_type="application/pdf")


def done_url(kind, pk):
    return reverse("weekly:done", args=[kind, pk])


def test_a_decision_is_marked_done_with_date_and_evidence(staff_client, campaign, department):
    decision = f.DecisionFactory(
        meeting=f.TopicMeetingFactory(campaign=campaign), responsible_department=department
    )
    response = staff_client.post(
        done_url("decision", decision.pk),
        {
            "version": 1,
            "status": CompletionStatus.DONE,
            "completed_on": TODAY(),
            "result": "已上报",
            "evidence": evidence(),
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.completed_on, decision.version) == ("done", TODAY(), 2)
    assert decision.evidence.name.endswith(".pdf")


def test_done_without_date_or_evidence_is_refused(staff_client, campaign, department):
    item = f.PowerItemFactory(campaign=campaign, responsible_department=department)
    response = staff_client.post(
        done_url("power", item.pk), {"version": 1, "status": CompletionStatus.DONE}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "请填写完成日期" in body and "请上传佐证材料" in body
    item.refresh_from_db()
    assert item.status == CompletionStatus.NOT_STARTED


def test_evidence_of_a_wrong_type_or_size_is_refused(staff_client, campaign, department, settings):
    milestone = f.MilestoneFactory(
        plan=f.PlanFactory(campaign=campaign), lead_department=department
    )
    data = {"version": 1, "status": "done", "completed_on": TODAY()}
    bad_type = staff_client.post(
        done_url("milestone", milestone.pk), {**data, "evidence": evidence("run.exe")}
    )
    assert "“run.exe”的类型 .exe 不允许上传" in bad_type.content.decode()
    ofd = staff_client.get(done_url("milestone", milestone.pk))
    assert "OFD" in ofd.content.decode()  # the form says which types it takes
    settings.UPLOAD_MAX_BYTES = 10
    too_big = staff_client.post(
        done_url("milestone", milestone.pk), {**data, "evidence": evidence()}
    )
    assert "超过上限" in too_big.content.decode()
    milestone.refresh_from_db()
    assert milestone.completed_on is None


def test_a_stale_plan_item_form_shows_the_other_save(staff_client, campaign, department):
    item = f.PowerItemFactory(
        campaign=campaign, responsible_department=department, version=2, result="同事写的情况"
    )
    response = staff_client.post(
        done_url("power", item.pk), {"version": 1, "status": "in_progress", "result": "我的"}
    )
    body = response.content.decode()
    assert "您的修改没有保存" in body and "同事写的情况" in body
    item.refresh_from_db()
    assert item.result == "同事写的情况"


def test_a_stale_phase_task_form_is_refused_not_overwritten(staff_client, campaign, department):
    task = f.PhaseTaskFactory(
        phase=f.PhaseFactory(campaign=campaign),
        responsible_department=department,
        version=3,
        result="同事写的情况",
    )
    response = staff_client.post(
        done_url("task", task.pk), {"version": 2, "status": "in_progress", "result": "我的"}
    )
    assert "您的修改没有保存" in response.content.decode()
    task.refresh_from_db()
    assert (task.result, task.version) == ("同事写的情况", 3)


def test_a_phase_task_is_marked_done(staff_client, campaign, department):
    phase = f.PhaseFactory(campaign=campaign)
    task = f.PhaseTaskFactory(phase=phase, responsible_department=department)
    response = staff_client.post(
        done_url("task", task.pk),
        {
            "version": task.version,
            "status": CompletionStatus.DONE,
            "completed_on": TODAY(),
            "evidence": evidence("调研报告.docx"),
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == CompletionStatus.DONE


def test_another_departments_plan_item_is_a_404(other_staff_client, campaign, department):
    item = f.PowerItemFactory(campaign=campaign, responsible_department=department)
    assert other_staff_client.get(done_url("power", item.pk)).status_code == 404
    assert other_staff_client.get(done_url("unknown", item.pk)).status_code == 404


def test_a_promotion_event_is_recorded_and_negative_money_refused(staff_client, campaign):
    url = reverse("enterprises:promotions")
    data = {"title": "长三角推介会", "held_on": TODAY(), "place": "杭州", "leads_count": 3}
    bad = staff_client.post(url, {**data, "intended_investment_wan": "-1"})
    assert bad.status_code == 400 and not PromotionEvent.objects.exists()
    good = staff_client.post(url, {**data, "intended_investment_wan": "5000"})
    assert good.status_code == 302
    assert PromotionEvent.objects.get().intended_investment_wan == Decimal("5000.00")


def test_a_land_transfer_is_recorded_and_zero_area_refused(staff_client, leader_client, campaign):
    url = reverse("enterprises:land")
    data = {"parcel": "纬三路北地块", "transferred_on": TODAY(), "price_wan": "800"}
    bad = staff_client.post(url, {**data, "area_mu": "0"})
    assert bad.status_code == 400 and "面积必须大于 0" in bad.content.decode()
    assert staff_client.post(url, {**data, "area_mu": "42.5"}).status_code == 302
    assert LandTransfer.objects.get().area_mu == Decimal("42.50")
    summary = leader_client.get("/api/summary/").json()
    assert summary["topics"]["land"]["transferred_mu"] == "42.50"
    assert leader_client.post(url, {**data, "area_mu": "1"}).status_code == 403


def meeting_post(held_on, decisions):
    data = {
        "topic": "land",
        "title": "土地专题会议",
        "held_on": held_on,
        "chair": "刘建华",
        "decisions-TOTAL_FORMS": str(len(decisions)),
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "1",
        "decisions-MAX_NUM_FORMS": "1000",
    }
    for index, decision in enumerate(decisions):
        for name, value in decision.items():
            data[f"decisions-{index}-{name}"] = value
    return data


def test_a_topic_meeting_is_recorded_with_its_decisions(staff_client, campaign, department):
    decisions = [
        {
            "content": "上报150亩用地手续",
            "responsible_department": department.pk,
            "status": "not_started",
        },
        {
            "content": "调整土地利用规划",
            "responsible_department": department.pk,
            "status": "in_progress",
        },
        {"status": "not_started"},  # a blank row as the browser sends it
    ]
    response = staff_client.post(reverse("topics:meeting-new"), meeting_post(TODAY(), decisions))
    assert response.status_code == 302, response.content.decode()
    meeting = TopicMeeting.objects.get()
    assert list(meeting.decisions.values_list("seq", "content")) == [
        (1, "上报150亩用地手续"),
        (2, "调整土地利用规划"),
    ]


def test_a_meeting_outside_the_campaign_or_without_decisions_saves_nothing(
    staff_client, campaign, department
):
    decision = {"content": "x", "responsible_department": department.pk, "status": "not_started"}
    early = campaign.start_date - datetime.timedelta(days=1)
    response = staff_client.post(reverse("topics:meeting-new"), meeting_post(early, [decision]))
    assert "会议日期应在百日行动期间" in response.content.decode()
    empty = staff_client.post(
        reverse("topics:meeting-new"), meeting_post(TODAY(), [{"status": "not_started"}])
    )
    assert empty.status_code == 400
    assert not TopicMeeting.objects.exists() and not Decision.objects.exists()


def test_a_responsible_person_is_evaluated(staff_client, campaign, department):
    person = f.PersonFactory(name="王建国", title="管委会副主任")
    project_for(campaign, department, responsible_leader=person)
    assert "王建国" in staff_client.get(reverse("weekly:evaluations")).content.decode()
    url = reverse("weekly:evaluations")
    prefix = f"p{person.pk}"
    bad = staff_client.post(url, {"person": person.pk, f"{prefix}-score": "120"})
    assert bad.status_code == 400 and "评议得分应在 0–100 之间" in bad.content.decode()
    good = staff_client.post(
        url, {"person": person.pk, f"{prefix}-score": "92.5", f"{prefix}-grade": "优秀"}
    )
    assert good.status_code == 302
    evaluation = PersonEvaluation.objects.get()
    assert (evaluation.score, evaluation.grade, evaluation.campaign) == (
        Decimal("92.50"),
        "优秀",
        campaign,
    )


def test_staff_cannot_evaluate_the_people_of_another_departments_items(
    staff_client, campaign, other_department
):
    person = f.PersonFactory(name="外单位责任人")
    project_for(campaign, other_department, responsible_leader=person)
    assert "外单位责任人" not in staff_client.get(reverse("weekly:evaluations")).content.decode()
    response = staff_client.post(
        reverse("weekly:evaluations"), {"person": person.pk, f"p{person.pk}-score": "60"}
    )
    assert response.status_code == 404


def test_evidence_is_served_to_leaders_and_hidden_from_other_units(
    staff_client, leader_client, other_staff_client, campaign, department
):
    decision = f.DecisionFactory(
        meeting=f.TopicMeetingFactory(campaign=campaign), responsible_department=department
    )
    staff_client.post(
        done_url("decision", decision.pk),
        {"version": 1, "status": "done", "completed_on": TODAY(), "evidence": evidence()},
    )
    url = reverse("weekly:evidence", args=["decision", decision.pk])
    response = leader_client.get(url)
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")
    assert other_staff_client.get(url).status_code == 404


def test_the_meeting_list_offers_updates_only_for_the_units_own_decisions(
    staff_client, leader_client, campaign, department, other_department
):
    meeting = f.TopicMeetingFactory(campaign=campaign)
    mine = f.DecisionFactory(meeting=meeting, responsible_department=department)
    theirs = f.DecisionFactory(meeting=meeting, responsible_department=other_department)
    body = staff_client.get(reverse("topics:meetings")).content.decode()
    assert done_url("decision", mine.pk) in body
    assert done_url("decision", theirs.pk) not in body
    assert (
        done_url("decision", mine.pk)
        not in leader_client.get(reverse("topics:meetings")).content.decode()
    )
