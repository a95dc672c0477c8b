"""The campaign's rules in the admin: on the campaign's page and on their own, with the rule in
force printed; a change is validated (in Chinese) and kept in the history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.campaign_settings import CampaignRules
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules():
    return CampaignRules.objects.create(campaign=f.CampaignFactory(slug="r2026"))


def rules_form(rules, **changes):
    data = {
        name: getattr(rules, name)
        for name in (
            "yellow_points",
            "yellow_weeks_to_red",
            "league_order",
            "escalation_days",
            "answer_days",
            "weight_reports",
            "weight_on_plan",
            "penalty_yellow",
            "penalty_red",
            "penalty_late_answer",
            "penalty_late_closed",
        )
    }
    return {**data, **changes}


def test_the_rules_pages_render_for_the_admin(admin_client, rules):
    for url in [
        reverse("admin:baidays_campaignrules_changelist"),
        reverse("admin:baidays_campaignrules_add"),
        reverse("admin:baidays_campaignrules_change", args=[rules.pk]),
        reverse("admin:baidays_campaignrules_history", args=[rules.pk]),
    ]:
        assert admin_client.get(url).status_code == 200, url
    page = admin_client.get(reverse("admin:baidays_campaignrules_change", args=[rules.pk]))
    body = page.content.decode()
    assert "黄色阈值（百分点）" in body and "督办答复期限（天）" in body
    assert "督办单发出这么多天后仍未销号" in body  # what each setting does
    assert "低于超过 10 个百分点、或连续 3 个周报周为黄色" in body  # the rule in force


def test_the_campaign_page_carries_its_rules_inline(admin_client, rules):
    page = admin_client.get(reverse("admin:baidays_campaign_change", args=[rules.campaign.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "考核与督办规则" in body and 'name="rules-0-yellow_points"' in body
    assert admin_client.get(reverse("admin:baidays_campaign_add")).status_code == 200


def test_a_yellow_threshold_over_100_is_refused_in_chinese(admin_client, rules):
    url = reverse("admin:baidays_campaignrules_change", args=[rules.pk])
    response = admin_client.post(url, rules_form(rules, yellow_points="120"))
    assert response.status_code == 200
    assert "确保该值小于或等于100" in response.content.decode()
    rules.refresh_from_db()
    assert rules.yellow_points == Decimal("10")


def test_a_change_saves_and_is_in_the_history(admin_client, rules):
    url = reverse("admin:baidays_campaignrules_change", args=[rules.pk])
    response = admin_client.post(url, rules_form(rules, yellow_points="5.5", answer_days="2"))
    assert response.status_code == 302
    rules.refresh_from_db()
    assert (rules.yellow_points, rules.answer_days) == (Decimal("5.5"), 2)
    assert rules.history.first().history_user.username == "admin"
    body = admin_client.get(url).content.decode()
    assert "低于超过 5.5 个百分点" in body
