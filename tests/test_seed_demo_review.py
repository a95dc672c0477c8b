"""The demo's review step: reviewer and enterprise find their work on first login."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from baidays.demo.seed import seed_demo
from core.choices import ReportState
from projects.models import ProjectReport

pytestmark = pytest.mark.django_db


def _login(username):
    user = authenticate(
        RequestFactory().post("/"), username=username, password=settings.DEMO_PASSWORD
    )
    assert user is not None
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_reviewer_and_enterprise_see_their_work():
    seed_demo()
    states = set(ProjectReport.objects.values_list("state", flat=True))
    assert {ReportState.PENDING, ReportState.RETURNED} <= states
    review = _login("reviewer").get(
        "/report/review/?week="
        + str(ProjectReport.objects.filter(state=ReportState.PENDING).first().report_week)
    )
    assert review.status_code == 200
    assert review.content.decode().count('value="approve"') == 3  # one 通过 per pending report
    enterprise = _login("enterprise")
    home = enterprise.get("/report/")
    assert home.status_code == 200
    assert enterprise.get("/dashboards/league/").status_code == 403
    assert enterprise.get("/api/summary/").status_code == 403
