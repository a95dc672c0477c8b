"""The 总结阶段 评议 starts from the 考核: each responsible person's form is prefilled with the
score of the units carrying their items (weighted by how many each carries), the page names
the basis and prints both rules, and the evaluator's own score replaces it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from core.models import PersonEvaluation
from supervision.assessment import rule_text
from supervision.assessment_people import STARTING_RULE
from supervision.schedules.services import replace_schedule
from tests import factories as f

pytestmark = pytest.mark.django_db
NOON_0615 = datetime.datetime(2026, 6, 15, 4, tzinfo=datetime.UTC)  # 12:00 Beijing, week 8


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="e2026")


@pytest.fixture
def person(campaign, department, other_department):
    """王建国 leads two projects of 园区建设科 (every report in, on plan: 100.00) and is the
    liaison of one entry of 园区电力办 (nothing reported, all its plan due in week 1: 0.00)."""
    leader = f.PersonFactory(name="王建国", title="管委会副主任")
    for _ in range(2):
        project = f.ProjectFactory(
            campaign=campaign, responsible_department=department, responsible_leader=leader
        )
        replace_schedule(item=project, weeks={17: project.planned_investment_wan})
        for week in range(1, 8):
            f.ProjectReportFactory(project=project, report_week=week)
    entry = f.CompetitionEntryFactory(
        campaign=campaign, responsible_department=other_department, liaison_leader=leader
    )
    replace_schedule(item=entry, weeks={1: entry.planned_investment_wan})
    return leader


def page(client):
    with time_machine.travel(NOON_0615, tick=False):
        return client.get(reverse("weekly:evaluations"), {"campaign": "e2026"})


def form_of(response, person):
    return next(
        form for row_person, form, _start in response.context["rows"] if row_person == person
    )


def test_the_form_starts_from_the_weighted_score_of_the_persons_units(
    campaign, person, staff_client
):
    response = page(staff_client)
    # (100.00 × 2 items + 0.00 × 1 item) ÷ 3 = 66.666… → 66.67
    assert form_of(response, person).initial["score"] == Decimal("66.67")
    html = response.content.decode()
    assert 'data-start="66.67"' in html and "已预填，可修改" in html
    assert "园区建设科 100.00 分 × 2 项、园区电力办 0.00 分 × 1 项" in html
    assert rule_text(campaign) in html and STARTING_RULE in html


def test_the_evaluators_own_score_replaces_the_starting_point(campaign, person, staff_client):
    prefix = f"p{person.pk}"
    with time_machine.travel(NOON_0615, tick=False):
        saved = staff_client.post(
            reverse("weekly:evaluations") + "?campaign=e2026",
            {"person": person.pk, f"{prefix}-score": "88", f"{prefix}-grade": "良好"},
        )
    assert saved.status_code == 302
    assert PersonEvaluation.objects.get().score == Decimal("88.00")
    response = page(staff_client)
    assert form_of(response, person).initial["score"] == Decimal("88.00")
    html = response.content.decode()
    assert 'data-start="66.67"' in html and "已预填" not in html


def test_a_person_whose_units_have_nothing_scored_has_no_starting_point(
    campaign, department, staff_client
):
    # a key enterprise's service person: the unit owns it, but a key enterprise is not scored
    # on its own, and the unit has nothing else
    servant = f.PersonFactory(name="赵敏")
    f.KeyEnterpriseFactory(
        campaign=campaign, responsible_department=department, service_person=servant
    )
    response = page(staff_client)
    assert form_of(response, servant).initial["score"] is None
    assert "没有起评分" in response.content.decode()
