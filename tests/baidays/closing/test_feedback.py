"""反馈与意见征集: requests to every served enterprise and a project's 施工单位, listing the
problems solved for it; answered in the portal by an enterprise account, through a signed
single-use link that expires (it cannot be reused, guessed, or used late, and shows nothing of
another unit), or typed in from paper and marked so; one answer each; results as of any day."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from baidays.closing import feedback
from baidays.closing.choices import AnswerChannel
from baidays.closing.models import FeedbackAnswer, FeedbackRequest
from baidays.notify.models import Message
from enterprises.choices import ProblemStatus
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 8, 5)
SCORES = {
    "efficiency": "5",
    "attitude": "4",
    "solving": "2",
    "comments": "审批再快些",
    "respondent": "王经理",
}


def on(day):
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return time_machine.travel(noon, tick=False)


@pytest.fixture
def world(department, own_enterprise, enterprise_user):
    campaign = f.CampaignFactory(slug="fb2026")
    other = f.EnterpriseFactory(name="别家机械有限公司")
    for enterprise, title in ((own_enterprise, "厂区用电增容"), (other, "别家的秘密问题")):
        f.ProblemFactory(
            campaign=campaign,
            enterprise=enterprise,
            title=title,
            responsible_department=department,
            status=ProblemStatus.RESOLVED,
            resolved_on=datetime.date(2026, 6, 1),
            resolution="协调供电公司完成增容" if enterprise == own_enterprise else "秘密",
        )
    f.ProblemFactory(campaign=campaign, enterprise=own_enterprise, title="尚未解决的问题")
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    with on(DAY):
        requests = feedback.request_from_served_enterprises(campaign=campaign, today=DAY)
    return {"campaign": campaign, "other": other, "project": project, "requests": requests}


def _request_of(world, enterprise):
    return next(r for r in world["requests"] if r.enterprise == enterprise)


def test_every_served_enterprise_is_asked_once_with_its_solved_problems(world, own_enterprise):
    assert {r.unit_name for r in world["requests"]} == {"本企业有限公司", "别家机械有限公司"}
    with on(DAY):
        again = feedback.request_from_served_enterprises(campaign=world["campaign"], today=DAY)
    assert again == []
    solved = feedback.solved_problems(_request_of(world, own_enterprise), DAY)
    assert [p.title for p in solved] == ["厂区用电增容"]
    assert (
        feedback.solved_problems(_request_of(world, own_enterprise), datetime.date(2026, 5, 31))
        == []
    )


def test_the_link_answers_once_shows_only_its_unit_and_then_is_spent(world, own_enterprise):
    with on(DAY):
        token = feedback.issue_link(feedback_request=_request_of(world, own_enterprise), today=DAY)
        client = Client()
        page = client.get(f"/closing/feedback/link/{token}/").content.decode()
        assert (
            "本企业有限公司" in page and "厂区用电增容" in page and "协调供电公司完成增容" in page
        )
        assert "别家" not in page and "秘密" not in page and "尚未解决的问题" not in page
        response = client.post(f"/closing/feedback/link/{token}/", SCORES)
        assert 'data-testid="thanks"' in response.content.decode()
        reused = client.get(f"/closing/feedback/link/{token}/")
        reposted = client.post(f"/closing/feedback/link/{token}/", {**SCORES, "solving": "5"})
    assert reused.status_code == 404 and "无效、已使用或已过期" in reused.content.decode()
    assert reposted.status_code == 404
    answer = FeedbackAnswer.objects.get()
    assert (answer.solving, answer.channel, answer.respondent) == (2, AnswerChannel.LINK, "王经理")


def test_a_guessed_altered_or_replaced_link_is_refused_alike(world, own_enterprise):
    own = _request_of(world, own_enterprise)
    with on(DAY):
        first = feedback.issue_link(feedback_request=own, today=DAY)
        second = feedback.issue_link(feedback_request=own, today=DAY)
        forged = signing.dumps({"r": own.pk, "n": "guess"}, salt="another-salt")
        other_pk = signing.dumps({"r": own.pk + 1, "n": "x"})
        bodies = [
            Client().get(f"/closing/feedback/link/{token}/")
            for token in (first, forged, other_pk, second[:-2] + "xx", "abc")
        ]
        assert Client().get(f"/closing/feedback/link/{second}/").status_code == 200
    assert {b.status_code for b in bodies} == {404}
    assert len({b.content for b in bodies}) == 1  # the same words whatever the reason
    assert not FeedbackRequest.objects.filter(token_hash__contains=second).exists()


def test_an_expired_link_is_refused(world, own_enterprise):
    with on(DAY):
        token = feedback.issue_link(feedback_request=_request_of(world, own_enterprise), today=DAY)
    with on(DAY + datetime.timedelta(days=feedback.LINK_DAYS)):
        assert Client().get(f"/closing/feedback/link/{token}/").status_code == 200
    with on(DAY + datetime.timedelta(days=feedback.LINK_DAYS + 1)):
        late = Client().post(f"/closing/feedback/link/{token}/", SCORES)
    assert late.status_code == 404 and not FeedbackAnswer.objects.exists()


def test_an_enterprise_answers_its_own_in_the_portal_and_not_another(
    world, own_enterprise, enterprise_client
):
    own, other = _request_of(world, own_enterprise), _request_of(world, world["other"])
    (message,) = Message.objects.filter(recipient__username="enterprise")
    assert message.body.endswith(f"/closing/feedback/{own.pk}/answer/")
    with on(DAY):
        listing = enterprise_client.get("/closing/feedback/").content.decode()
        assert f"/closing/feedback/{own.pk}/answer/" in listing
        assert f"/closing/feedback/{other.pk}/answer/" not in listing
        assert enterprise_client.get(f"/closing/feedback/{other.pk}/answer/").status_code == 404
        response = enterprise_client.post(f"/closing/feedback/{own.pk}/answer/", SCORES)
        twice = enterprise_client.post(f"/closing/feedback/{own.pk}/answer/", SCORES)
    assert response.status_code == 302
    assert "每个征询对象只答复一次" in twice.content.decode()
    assert FeedbackAnswer.objects.get().channel == AnswerChannel.PORTAL


def test_an_enterprise_account_finds_its_requests_in_the_menu(
    world, enterprise_client, staff_client
):
    with on(DAY):
        page = enterprise_client.get("/closing/feedback/?campaign=fb2026").content.decode()
        staff_page = staff_client.get("/closing/lookback/?campaign=fb2026").content.decode()
    assert 'href="/closing/feedback/" data-testid="nav-feedback"' in page
    assert 'data-testid="nav-feedback"' not in staff_page  # the office's is in the 阶段 menu


def test_the_clerk_records_a_paper_answer_of_a_contractor_marked_as_paper(world, admin_client):
    with on(DAY):
        response = admin_client.post(
            "/closing/feedback/?campaign=fb2026",
            {"project": world["project"].pk, "unit_name": "省建工集团"},
        )
        assert response.status_code == 302
        contractor = FeedbackRequest.objects.get(unit_name="省建工集团")
        page = admin_client.get(f"/closing/feedback/{contractor.pk}/answer/").content.decode()
        assert 'data-testid="paper-mark"' in page
        future = admin_client.post(
            f"/closing/feedback/{contractor.pk}/answer/", {**SCORES, "answered_on": "2026-08-06"}
        )
        assert "答复日期应在征询日期和今天之间" in future.content.decode()
        admin_client.post(
            f"/closing/feedback/{contractor.pk}/answer/", {**SCORES, "answered_on": "2026-08-05"}
        )
    answer = FeedbackAnswer.objects.get()
    assert (answer.channel, answer.request.kind) == (AnswerChannel.PAPER, "contractor")


def test_results_per_dimension_and_unit_as_of_a_day(world, own_enterprise, admin_user):
    own, other = _request_of(world, own_enterprise), _request_of(world, world["other"])
    for request, day, scores in (
        (own, DAY, {"efficiency": 5, "attitude": 4, "solving": 2}),
        (other, DAY + datetime.timedelta(days=2), {"efficiency": 4, "attitude": 4, "solving": 5}),
    ):
        with on(day):
            feedback.answer_feedback(
                feedback_request=request,
                scores=scores,
                comments="",
                respondent="甲",
                channel=AnswerChannel.PAPER,
                user=admin_user,
                today=day,
            )
    first = feedback.feedback_results(world["campaign"], DAY)
    later = feedback.feedback_results(world["campaign"], DAY + datetime.timedelta(days=2))
    averages = {d["field"]: str(d["average"]) for d in first["dimensions"]}
    assert averages == {"efficiency": "5.00", "attitude": "4.00", "solving": "2.00"}
    assert (first["requested"], first["answered"], later["answered"]) == (2, 1, 2)
    assert {d["field"]: str(d["average"]) for d in later["dimensions"]}["efficiency"] == "4.50"
    assert [u["answer"] is not None for u in first["units"]].count(True) == 1
    with pytest.raises(ValidationError, match="只答复一次"):
        feedback.answer_feedback(
            feedback_request=own,
            scores={"efficiency": 5, "attitude": 5, "solving": 5},
            comments="",
            respondent="乙",
            channel=AnswerChannel.PAPER,
            user=admin_user,
            today=DAY + datetime.timedelta(days=3),
        )
