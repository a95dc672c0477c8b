"""The unit's 督办单 card on its weekly page: level and answer as the model has them on the
page's day (the weekly page reads today), each linked to its 督办通知单 in the campaign, in one
query however many there are."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db
URL = reverse("weekly:home")
DAY = datetime.date(2026, 6, 15)  # the page's day: today, frozen


@pytest.fixture
def campaign(db):
    """The weekly conftest's campaign runs relative to the real today; this one holds DAY."""
    return f.CampaignFactory(slug="s2026")


@pytest.fixture(autouse=True)
def on_day():
    noon = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(12)))
    with time_machine.travel(noon, tick=False):
        yield


def ticket(campaign, department, label, **dates):
    project = f.ProjectFactory(campaign=campaign, responsible_department=department, name=label)
    return SupervisionFactory(target=project, target_label=label, **dates)


def card_rows(response):
    """{label: (level, what it says of the answer)} as the card shows them."""
    body = response.content.decode()
    card = body[body.index('data-testid="unit-supervisions"') :]
    card = card[: card.index("</ul>")]
    rows = {}
    for item in re.findall(r"<li .*?</li>", card, re.S):
        level = re.search(r'class="badge[^>]*>(.*?)<', item).group(1)
        label = re.search(r'<a href="[^"]*">(.*?)</a>', item).group(1)
        answer = re.sub(r"<[^>]+>", "", item.rsplit('<span class="ms-auto small">', 1)[1])
        rows[label] = (level, answer.strip())
    return rows


def test_the_card_shows_each_level_and_answer_as_the_model_has_them_on_the_day(
    staff_client, campaign, department
):
    ticket(
        campaign,
        department,
        "已升级未答复",
        opened_on=datetime.date(2026, 6, 1),
        escalated_on=datetime.date(2026, 6, 9),
    )
    ticket(campaign, department, "今日到期", opened_on=datetime.date(2026, 6, 12))
    ticket(
        campaign,
        department,
        "已按期答复",
        opened_on=datetime.date(2026, 6, 10),
        answered_on=datetime.date(2026, 6, 11),
    )
    # written after the page's day: on DAY it was neither red nor answered
    ticket(
        campaign,
        department,
        "日后才答复",
        opened_on=datetime.date(2026, 6, 5),
        escalated_on=datetime.date(2026, 6, 16),
        answered_on=datetime.date(2026, 6, 18),
    )
    assert card_rows(staff_client.get(URL)) == {
        "已升级未答复": ("红牌", "答复已逾期（6月4日）"),
        "今日到期": ("黄牌", "请于 6月15日 前答复"),
        "已按期答复": ("黄牌", "已答复"),
        "日后才答复": ("黄牌", "答复已逾期（6月8日）"),
    }


def test_the_card_links_each_notice_in_the_campaign(staff_client, campaign, department):
    row = ticket(campaign, department, "纬二路", opened_on=datetime.date(2026, 6, 1))
    link = f'href="/supervision/{row.pk}/?campaign=s2026"'
    assert link in staff_client.get(URL).content.decode()
    # the weekly page reads today whatever ?as_of= says, so its links carry no as_of either
    body = staff_client.get(URL, {"campaign": "s2026", "as_of": "2026-06-02"}).content.decode()
    assert link in body


def test_the_card_costs_one_query_however_many_tickets(staff_client, campaign, department):
    ticket(campaign, department, "第1张", opened_on=datetime.date(2026, 6, 1))
    staff_client.get(URL)  # what is cached once per process
    with CaptureQueriesContext(connection) as few:
        staff_client.get(URL)
    for number in range(2, 8):
        ticket(
            campaign,
            department,
            f"第{number}张",
            opened_on=datetime.date(2026, 6, number),
            escalated_on=datetime.date(2026, 6, 9 + number),
        )
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(URL)
    assert len(response.context["supervisions"].rows) == 7
    # each ticket adds a project to the worklist, which costs nothing per row either
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_unit_with_more_open_tickets_than_the_card_shows_is_told_so(
    staff_client, campaign, department, monkeypatch
):
    monkeypatch.setattr("supervision.selectors.UNIT_CARD_SIZE", 2)
    for number in range(1, 4):
        ticket(campaign, department, f"第{number}张", opened_on=datetime.date(2026, 6, number))
    response = staff_client.get(URL)
    card = response.context["supervisions"]
    assert (len(card.rows), card.more) == (2, True)
    assert "超过 2 张未销号" in response.content.decode()
