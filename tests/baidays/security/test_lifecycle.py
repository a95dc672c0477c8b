"""The account lifecycle: expired and administrator-set passwords are changed first, old
passwords are not chosen again, a new login ends the others, unused accounts are disabled."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from audit.choices import Event
from audit.models import AuditRecord
from baidays.security.services import disable_unused_accounts

pytestmark = pytest.mark.django_db

GOOD = "test-password-123"
NEW = "a-new-long-passphrase-9"


def login(username, password=GOOD):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302
    return client


def change(client, old, new):
    return client.post(
        "/accounts/password-change/",
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_an_expired_password_forces_a_change_before_any_page(settings, staff_user):
    settings.PASSWORD_EXPIRY_DAYS = 90
    with time_machine.travel(timezone.now() + datetime.timedelta(days=91)):
        client = login("staff")
        refused = client.get("/messages/")
        assert refused["Location"] == "/accounts/password-change/"
        page = client.get("/accounts/password-change/")
        assert "密码已超过有效期" in page.content.decode()
        assert change(client, GOOD, NEW).status_code == 302
        assert client.get("/messages/").status_code == 200


def test_a_password_younger_than_the_expiry_is_not_asked(settings, staff_user):
    settings.PASSWORD_EXPIRY_DAYS = 90
    with time_machine.travel(timezone.now() + datetime.timedelta(days=89)):
        assert login("staff").get("/messages/").status_code == 200


def test_a_password_set_by_an_administrator_is_changed_at_first_login(admin_client, staff_user):
    response = admin_client.post(
        f"/admin/auth/user/{staff_user.pk}/password/",
        {"password1": "set-by-the-admin-7", "password2": "set-by-the-admin-7"},
    )
    assert response.status_code == 302
    client = login("staff", "set-by-the-admin-7")
    assert client.get("/messages/")["Location"] == "/accounts/password-change/"
    assert (
        "首次登录须先改为只有您知道的新密码"
        in client.get("/accounts/password-change/").content.decode()
    )
    change(client, "set-by-the-admin-7", NEW)
    assert client.get("/messages/").status_code == 200
    assert login("staff", NEW).get("/messages/").status_code == 200


def test_the_last_passwords_cannot_be_chosen_again(settings, staff_user):
    settings.PASSWORD_HISTORY_COUNT = 3
    client = login("staff")
    assert change(client, GOOD, NEW).status_code == 302
    refused = change(client, NEW, GOOD)
    assert refused.status_code == 200
    assert "不能与最近 3 次使用过的密码相同" in refused.content.decode()


def test_the_demo_password_is_refused(settings, staff_user):
    settings.DEMO_PASSWORD = "baidays-demo-shared-1"
    refused = change(login("staff"), GOOD, "baidays-demo-shared-1")
    assert "不能使用演示环境的公共密码" in refused.content.decode()


def test_a_second_login_ends_the_first_session(settings, staff_user):
    settings.LOGIN_ENDS_OTHER_SESSIONS = True
    first = login("staff")
    assert first.get("/messages/").status_code == 200
    second = login("staff")
    assert second.get("/messages/").status_code == 200
    ended = first.get("/messages/")
    assert ended.status_code == 302 and "/accounts/login/" in ended["Location"]


def test_without_the_setting_both_sessions_stay(settings, staff_user):
    settings.LOGIN_ENDS_OTHER_SESSIONS = False
    first = login("staff")
    login("staff")
    assert first.get("/messages/").status_code == 200


def test_unused_accounts_are_disabled_and_recorded(settings, staff_user, leader_user):
    settings.ACCOUNT_INACTIVE_DAYS = 90
    now = timezone.now()
    get_user_model().objects.filter(pk=staff_user.pk).update(
        last_login=now - datetime.timedelta(days=91)
    )
    get_user_model().objects.filter(pk=leader_user.pk).update(
        last_login=now - datetime.timedelta(days=89)
    )
    assert disable_unused_accounts(now=now) == ["staff"]
    staff_user.refresh_from_db()
    leader_user.refresh_from_db()
    assert (staff_user.is_active, leader_user.is_active) == (False, True)
    assert AuditRecord.objects.get(event=Event.ACCOUNT_DISABLED).target == "staff"


def test_never_used_accounts_count_from_their_creation(settings, staff_user):
    settings.ACCOUNT_INACTIVE_DAYS = 90
    later = timezone.now() + datetime.timedelta(days=91)
    assert disable_unused_accounts(now=later) == ["staff"]


def test_zero_days_disables_nobody(settings, staff_user):
    settings.ACCOUNT_INACTIVE_DAYS = 0
    assert disable_unused_accounts(now=timezone.now() + datetime.timedelta(days=999)) == []
