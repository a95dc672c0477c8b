"""A session ends after SESSION_COOKIE_AGE without a request; while it is used, its expiry is
moved on — at most once per SESSION_REFRESH_SECONDS, not with a database write per page."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


def expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_requests_within_the_refresh_interval_write_no_session(leader_client, settings):
    settings.SESSION_REFRESH_SECONDS = 60
    with time_machine.travel(START, tick=False) as clock:
        leader_client.get("/healthz")
        leader_client.get("/")
        first = expiry(leader_client)
        clock.shift(datetime.timedelta(seconds=30))
        leader_client.get("/")
        assert expiry(leader_client) == first


def test_a_request_after_the_interval_moves_the_expiry_on(leader_client, settings):
    settings.SESSION_REFRESH_SECONDS = 60
    with time_machine.travel(START, tick=False) as clock:
        leader_client.get("/")
        first = expiry(leader_client)
        clock.shift(datetime.timedelta(seconds=90))
        leader_client.get("/")
        assert expiry(leader_client) == first + datetime.timedelta(seconds=90)


def test_a_session_idle_for_the_cookie_age_must_log_in_again(leader_client, settings):
    settings.SESSION_REFRESH_SECONDS = 60
    with time_machine.travel(START, tick=False) as clock:
        assert leader_client.get("/").status_code in (200, 302)
        clock.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        response = leader_client.get("/")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
