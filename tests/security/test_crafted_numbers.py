"""Crafted numbers in requests (issue 14, items 2, 3, 5): superscripts, signs, spaces, huge and
out-of-range ids, absurd form counts — a Chinese 400/404, never a 500, never another unit's
record, never a worker held for seconds."""

import time

import pytest
from django.urls import reverse

from tests import factories as f
from tests.baidays.weekly.support import batch_post, project_for, running_campaign

pytestmark = pytest.mark.django_db

CRAFTED = ["²", "+2", " 2", "2\n", "9" * 5000, str(2**63), "-1", "abc"]


@pytest.fixture
def campaign(db):
    return running_campaign()


@pytest.fixture
def client(staff_client):
    staff_client.raise_request_exception = False
    return staff_client


def assert_refused_in_chinese(response):
    assert response.status_code in (400, 404), response.status_code
    text = response.content.decode()
    assert "返回首页" in text and ("无效" in text or "没有找到" in text)


@pytest.mark.parametrize("raw", CRAFTED)
def test_week_and_department_parameters(client, leader_client, campaign, department, raw):
    assert_refused_in_chinese(client.get(reverse("weekly:batch"), {"week": raw}))
    leader_client.raise_request_exception = False
    for name in ("dashboards:lagging", "dashboards:missing"):
        assert_refused_in_chinese(leader_client.get(reverse(name), {"department": raw}))


@pytest.mark.parametrize("raw", CRAFTED)
def test_problem_owner_parameters(client, campaign, raw):
    url = reverse("enterprises:problem-new")
    assert_refused_in_chinese(client.get(url, {"project": raw}))
    assert_refused_in_chinese(client.get(url, {"enterprise": raw}))


@pytest.mark.parametrize("raw", CRAFTED)
def test_row_keys_and_form_counts_of_the_batch_form(client, campaign, department, raw):
    project = project_for(campaign, department)
    data = batch_post([(f"project-{project.pk}", 0, {"percent_complete": "5"})])
    bad_key = {**data, "form-0-item": f"project-{raw}"}
    assert_refused_in_chinese(client.post(reverse("weekly:batch"), bad_key))
    bad_count = {**data, "form-TOTAL_FORMS": raw}
    assert_refused_in_chinese(client.post(reverse("weekly:batch"), bad_count))


def test_a_huge_form_count_is_refused_at_once(client, campaign, department):
    project = project_for(campaign, department)
    data = batch_post([(f"project-{project.pk}", 0, {"percent_complete": "5"})])
    started = time.monotonic()
    response = client.post(reverse("weekly:batch"), {**data, "form-TOTAL_FORMS": "100000000"})
    assert time.monotonic() - started < 2
    assert response.status_code == 400 and "表单行数" in response.content.decode()
    # one more row than the page offered is refused as well
    response = client.post(reverse("weekly:batch"), {**data, "form-TOTAL_FORMS": "2"})
    assert response.status_code == 400


def test_the_meeting_formset_is_capped_at_the_rows_it_shows(client, campaign):
    data = {"topic": "land", "title": "会", "held_on": "2026-06-01", "chair": "刘"}
    data.update({"decisions-TOTAL_FORMS": "7", "decisions-INITIAL_FORMS": "0"})
    response = client.post(reverse("topics:meeting-new"), data)
    assert response.status_code == 400 and "表单行数" in response.content.decode()


@pytest.mark.parametrize("raw", ["%2B2", "+2", " 2", "2\n"])
def test_promotion_under_another_unit_through_a_lax_id(client, campaign, other_department, raw):
    data = {
        "title": "推介会",
        "held_on": campaign.start_date.isoformat(),
        "place": "杭州",
        "leads_count": "1",
        "intended_investment_wan": "0",
        "responsible_department": raw.replace("%2B", "+").replace("X", str(other_department.pk)),
    }
    data["responsible_department"] = data["responsible_department"].replace(
        "2", str(other_department.pk)
    )
    response = client.post(reverse("enterprises:promotions"), data)
    assert response.status_code in (400, 404)
    assert not other_department.promotions.exists()


def test_problem_on_another_units_enterprise_is_a_404(client, campaign, other_department):
    entry = f.CompetitionEntryFactory(campaign=campaign, responsible_department=other_department)
    url = reverse("enterprises:problem-new")
    data = {"enterprise": str(entry.enterprise_id), "title": "用电", "category": "power"}
    response = client.post(url, data)
    assert response.status_code == 404
    assert not entry.enterprise.problems.exists()
    assert client.get(url, {"enterprise": entry.enterprise_id}).status_code == 404


def test_problem_on_the_units_own_enterprise_is_offered(client, campaign, department):
    entry = f.CompetitionEntryFactory(campaign=campaign, responsible_department=department)
    response = client.get(reverse("enterprises:problem-new"), {"enterprise": entry.enterprise_id})
    assert response.status_code == 200
