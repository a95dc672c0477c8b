import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_chinese_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 200
    assert "登录" in login.content.decode()
    assert 'lang="zh-CN"' in login.content.decode()


def test_leader_sees_the_targets_on_the_home_page(leader_client):
    f.CampaignFactory(slug="2026")
    response = leader_client.get("/", {"as_of": "2026-06-15"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "1156.00" in body and "17800.00" in body
    assert "第 46 天" in body


def test_home_page_explains_a_bad_as_of_date(leader_client):
    f.CampaignFactory(slug="2026")
    response = leader_client.get("/", {"as_of": "yesterday"})
    assert "YYYY-MM-DD" in response.content.decode()


def test_home_page_without_a_campaign_says_how_to_create_one(leader_client):
    response = leader_client.get("/")
    assert "setup_campaign" in response.content.decode()
