"""Failed-login limiting (django-axes, keyed on username + IP), idle session expiry and the
password rules, all through the public forms."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from baidays.notify.outbox import deliver_pending

pytestmark = pytest.mark.django_db

GOOD = "test-password-123"


def login(client, username, password, ip="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail_until_locked(client, username, ip="10.0.0.1"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, username, "wrong-password", ip)


def test_correct_password_logs_in(client, staff_user):
    response = login(client, "staff", GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_after_the_failure_limit_even_the_right_password_is_refused(client, staff_user):
    fail_until_locked(client, "staff")
    response = login(client, "staff", GOOD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert client.get("/").status_code == 302  # not logged in


def test_failures_below_the_limit_do_not_lock(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "staff", "wrong-password")
    assert login(client, "staff", GOOD).status_code == 302


def test_lockout_is_per_username_and_ip(client, staff_user, other_staff_user):
    fail_until_locked(client, "staff", ip="10.0.0.1")
    assert login(client, "staff", GOOD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert login(client, "staff2", GOOD, ip="10.0.0.1").status_code == 302


def test_a_success_clears_earlier_failures(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "staff", "wrong-password")
    login(client, "staff", GOOD)
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "staff", "wrong-password")
    assert login(client, "staff", GOOD).status_code == 302


def _only_session():
    return Session.objects.get()


def test_an_idle_session_expires(client, staff_user):
    login(client, "staff", GOOD)
    assert client.get("/")["Location"] == "/report/"  # logged in: staff go to their list
    assert client.get("/accounts/password-change/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    for url in ("/", "/report/", "/accounts/password-change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_every_request_restarts_the_idle_clock(client, staff_user):
    login(client, "staff", GOOD)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(seconds=60))
    client.get("/")
    remaining = _only_session().expire_date - timezone.now()
    assert remaining > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_session_cookie_lasts_only_the_idle_time(client, staff_user):
    login(client, "staff", GOOD)
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert client.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("1234567890", "只包含数字"),
        ("abc12", "太短，至少需要 10 个字符"),
        ("password123", "太常见"),
        ("zhangwei2026", "相似"),
    ],
)
def test_weak_passwords_are_refused_with_a_chinese_reason(
    client, staff_user, new_password, message
):
    staff_user.email = "zhangwei@example.gov.cn"
    staff_user.save()
    login(client, "staff", GOOD)
    response = client.post(
        "/accounts/password-change/",
        {"old_password": GOOD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(GOOD)


def test_a_strong_password_is_accepted(client, staff_user):
    login(client, "staff", GOOD)
    response = client.post(
        "/accounts/password-change/",
        {
            "old_password": GOOD,
            "new_password1": "厂房封顶-2026-绿",
            "new_password2": "厂房封顶-2026-绿",
        },
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("厂房封顶-2026-绿")


def test_password_reset_sends_a_chinese_mail_with_a_working_link(client, staff_user, mailoutbox):
    staff_user.email = "staff@example.gov.cn"
    staff_user.save()
    response = client.post("/accounts/password-reset/", {"email": "staff@example.gov.cn"})
    assert response.status_code == 302
    assert len(mailoutbox) == 0  # queued: the request never waits on the mail server
    assert deliver_pending() == (1, 0)  # the worker sends it, at any hour
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert "重设密码" in mail.subject
    link = next(line for line in mail.body.splitlines() if "/accounts/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "设置新密码" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "新的密码-2026-园区", "new_password2": "新的密码-2026-园区"},
    )
    assert done.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("新的密码-2026-园区")


def test_the_admin_login_is_limited_too(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/", {"username": "admin", "password": "wrong"}, REMOTE_ADDR="10.1.1.1"
        )
    response = client.post(
        "/admin/login/", {"username": "admin", "password": GOOD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302
