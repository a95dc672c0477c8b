"""The second factor (TOTP, django-otp): an account whose role needs it enrols before any other
page, then enters a code (or a recovery code) after every password login."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import TOTP

from audit.choices import Event, Outcome
from audit.models import AuditRecord

pytestmark = pytest.mark.django_db

GOOD = "test-password-123"


@pytest.fixture(autouse=True)
def leaders_and_admins_need_it(settings):
    settings.OTP_REQUIRED_ROLES = ["admin", "leader", "secadmin", "auditor"]


def logged_in(username):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": GOOD})
    assert response.status_code == 302
    return client


def code_for(secret):
    return f"{TOTP(b32decode(secret)).token():06d}"


def secret_on(page):
    return re.search(r'data-testid="otp-secret">([A-Z2-7]+)<', page.content.decode()).group(1)


def test_an_account_that_must_enrol_reaches_no_other_page(leader_user):
    client = logged_in("leader")
    for path in ("/", "/dashboards/departments/", "/messages/", "/accounts/password-change/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/security/second-factor/setup/?next=")


def test_enrolment_shows_a_server_drawn_qr_code_and_the_secret(leader_user):
    page = logged_in("leader").get("/security/second-factor/setup/")
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html.split('data-testid="otp-qr"')[1][:200]
    assert len(secret_on(page)) >= 16


def test_enrolling_with_the_code_opens_the_portal_and_gives_recovery_codes(leader_user):
    client = logged_in("leader")
    secret = secret_on(client.get("/security/second-factor/setup/"))
    done = client.post("/security/second-factor/setup/", {"code": code_for(secret), "next": "/"})
    codes = re.findall(r'<li class="col">([a-z0-9]+)</li>', done.content.decode())
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    assert AuditRecord.objects.filter(event=Event.SECOND_FACTOR, outcome="success").count() == 1


def test_a_wrong_code_is_refused_and_recorded(leader_user):
    client = logged_in("leader")
    client.get("/security/second-factor/setup/")
    refused = client.post("/security/second-factor/setup/", {"code": "000000"})
    assert refused.status_code == 400
    assert "验证码不正确" in refused.content.decode()
    assert client.get("/").status_code == 302
    assert AuditRecord.objects.get(event=Event.SECOND_FACTOR).outcome == Outcome.FAILURE


def _enrolled(username):
    client = logged_in(username)
    secret = secret_on(client.get("/security/second-factor/setup/"))
    page = client.post("/security/second-factor/setup/", {"code": code_for(secret)})
    return secret, re.findall(r'<li class="col">([a-z0-9]+)</li>', page.content.decode())


def test_the_next_login_asks_for_a_code_and_a_recovery_code_works_once(leader_user):
    _, codes = _enrolled("leader")
    client = logged_in("leader")
    asked = client.get("/dashboards/departments/")
    assert asked["Location"].startswith("/security/second-factor/verify/")
    verified = client.post(
        "/security/second-factor/verify/", {"code": codes[0], "next": "/dashboards/departments/"}
    )
    assert verified["Location"] == "/dashboards/departments/"
    assert client.get("/dashboards/departments/").status_code == 200
    again = logged_in("leader")
    assert again.post("/security/second-factor/verify/", {"code": codes[0]}).status_code == 400


def test_roles_not_listed_are_not_asked(staff_user):
    assert logged_in("staff").get("/messages/").status_code == 200


def test_a_redirect_after_verifying_stays_on_this_site(leader_user):
    _, codes = _enrolled("leader")
    client = logged_in("leader")
    response = client.post(
        "/security/second-factor/verify/", {"code": codes[1], "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
