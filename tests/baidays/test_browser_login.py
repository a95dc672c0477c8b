"""Log in through a real headless Chromium and reach the home page."""

import pytest

from tests import factories as f
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_leader_logs_in_and_sees_the_home_page(page, live_server, leader_user):
    f.CampaignFactory(slug="2026")
    browser_login(page, "leader")
    assert page.url == f"{live_server.url}/"
    assert "1156.00" in page.content()
    assert page.console_errors == []


def test_wrong_password_shows_a_chinese_message(page, leader_user):
    browser_login(page, "leader", password="wrong-password")
    assert "/accounts/login/" in page.url
    assert "正确的" in page.content()  # Django's zh-hans "请输入一个正确的 用户名 和密码"
