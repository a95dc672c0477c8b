"""The 督办通知单 as of a day (?as_of=): the level, the answer, the closing and the history as
they stood at the end of that day; a past day offers no answer or closing form, so a later
answer never shows through it."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from supervision.services import answer, close_by_leader
from tests import factories as f
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db
MEASURES = "倒排工期，增加施工班组"
NOTE = "已专题调度，恢复计划进度"
TODAY = datetime.date(2026, 6, 25)


def on(day):
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return time_machine.travel(noon, tick=False)


@pytest.fixture
def ticket(department, staff_user):
    """Opened 06-01 (answer due 06-04), 红牌 from 06-09, answered 06-10; each written that day."""
    campaign = f.CampaignFactory(slug="s2026")
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    with on(datetime.date(2026, 6, 1)):
        supervision = SupervisionFactory(target=project, opened_on=datetime.date(2026, 6, 1))
    with on(datetime.date(2026, 6, 9)):
        supervision.escalated_on = datetime.date(2026, 6, 9)
        supervision.save()
    with on(datetime.date(2026, 6, 10)):
        answer(
            supervision=supervision,
            user=staff_user,
            measures=MEASURES,
            promised_on=datetime.date(2026, 7, 1),
            today=datetime.date(2026, 6, 10),
        )
    return supervision


@pytest.fixture
def closed_ticket(ticket, leader_user):
    """The ticket, closed by a leader on 06-20."""
    with on(datetime.date(2026, 6, 20)):
        close_by_leader(
            supervision=ticket, user=leader_user, note=NOTE, today=datetime.date(2026, 6, 20)
        )
    return ticket


def notice(client, supervision, as_of=None):
    params = {"as_of": as_of} if as_of else {}
    with on(TODAY):
        response = client.get(f"/supervision/{supervision.pk}/", params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_before_the_answer_the_notice_shows_it_unanswered_yellow_and_open(
    closed_ticket, leader_client
):
    response, body = notice(leader_client, closed_ticket, "2026-06-05")
    assert MEASURES not in body and NOTE not in body
    assert 'data-testid="level">黄牌<' in body
    assert 'data-testid="measures">（尚未答复）<' in body and MEASURES not in body
    assert "2026年7月1日" not in body  # the promised date came with the answer
    assert 'data-testid="closing">未销号<' in body and NOTE not in body
    assert "已逾期" in body  # due 06-04, not answered by 06-05
    assert "截至 2026年6月5日 的情况" in body
    assert [entry.action for entry in response.context["history"]] == ["创建"]


def test_after_the_answer_and_before_the_closing_the_notice_shows_the_answer_and_no_closing(
    closed_ticket, leader_client
):
    response, body = notice(leader_client, closed_ticket, "2026-06-12")
    assert NOTE not in body
    assert 'data-testid="level">红牌<' in body and "2026年6月9日 已升级" in body
    assert MEASURES in body and "2026年6月10日 答复" in body and "2026年7月1日" in body
    assert 'data-testid="closing">未销号<' in body and NOTE not in body
    assert "已逾期" not in body
    assert len(response.context["history"]) == 3  # opened, escalated, answered


def test_today_the_notice_shows_the_closing_and_all_its_history(closed_ticket, leader_client):
    for as_of in (None, "2026-06-20"):
        response, body = notice(leader_client, closed_ticket, as_of)
        assert MEASURES in body and NOTE in body and "2026年6月20日" in body
        assert len(response.context["history"]) == 4


def test_before_it_was_opened_the_notice_says_so(closed_ticket, leader_client):
    _response, body = notice(leader_client, closed_ticket, "2026-05-30")
    assert "该日尚未发单" in body and MEASURES not in body


def test_a_past_day_offers_no_answer_form_that_would_show_a_later_answer(ticket, staff_client):
    _response, body = notice(staff_client, ticket, "2026-06-05")
    assert 'data-testid="answer-form"' not in body and MEASURES not in body
    assert f'href="/supervision/{ticket.pk}/?campaign=s2026">今天</a>' in body
    _response, today = notice(staff_client, ticket)
    assert 'data-testid="answer-form"' in today and MEASURES in today
