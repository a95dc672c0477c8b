"""The overview's rendered figures are cached per app server under the data generation that
every committed write raises; who is looking (name, CSRF token) is never part of the cache."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import Instruction
from tests import factories as f
from tests.conftest import browser_login

SCOPE = {"campaign": "t2026", "as_of": "2026-06-15"}  # report week 8, time progress 41.07%
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
# the day of SCOPE, 10:00 Beijing time: a 批示 written then shows as of that day
ON_THE_DAY = datetime.datetime(2026, 6, 15, 2, tzinfo=datetime.UTC)
TOKENS = re.compile(r'(?:content|value)="[A-Za-z0-9]{64}"')  # masked anew on every request


@pytest.fixture
def fragment_cache(settings):
    settings.SUMMARY_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lagging_project(db):
    campaign = f.CampaignFactory(slug="t2026")
    f.PhaseFactory(campaign=campaign)
    project = f.ProjectFactory(
        campaign=campaign, name="纬二路道路工程", planned_investment_wan=Decimal("100.00")
    )
    f.ProjectReportFactory(
        project=project,
        report_week=6,
        week_investment_wan=Decimal("10.00"),
        percent_complete=Decimal("5"),
    )
    return project


def _overview(client):
    response = client.get("/", SCOPE)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db(transaction=True)  # PostgreSQL raises the generation at commit
def test_the_cached_overview_follows_a_new_report_at_once(
    lagging_project, leader_client, fragment_cache
):
    first = _overview(leader_client)
    assert "纬二路道路工程" in first and "37.25" not in first
    with CaptureQueriesContext(connection) as cached:
        second = _overview(leader_client)
    assert TOKENS.sub("", second) == TOKENS.sub("", first)
    # session, user, person with department, campaign, generation, session save
    assert (
        len([q for q in cached if q["sql"].startswith("SELECT")]) <= 7
    )  # session, user, person, generation, campaign, its lag rules, unread 站内消息

    f.ProjectReportFactory(
        project=lagging_project,
        report_week=8,
        week_investment_wan=Decimal("27.25"),
        percent_complete=Decimal("40"),
    )
    assert "37.25" in _overview(leader_client)  # 10.00 + 27.25 万元 completed


@pytest.mark.django_db(transaction=True)
@time_machine.travel(ON_THE_DAY, tick=True)
def test_another_readers_name_and_csrf_token_never_come_from_the_cache(
    lagging_project, leader_user, admin_user, fragment_cache
):
    leader = Client(enforce_csrf_checks=True)
    leader.force_login(leader_user)
    leader_page = _overview(leader)
    admin = Client(enforce_csrf_checks=True)
    admin.force_login(admin_user)
    admin_page = _overview(admin)  # the 批示 table comes from the leader's render

    assert leader_user.person.name in leader_page
    assert leader_user.person.name not in admin_page
    assert admin_user.person.name in admin_page
    # the cached forms carry no token at all: the page's own one is put in at submit time
    assert "data-csrf-at-submit" in admin_page
    assert admin_page.count('name="csrfmiddlewaretoken"') == 1  # the logout form only
    leader_token = CSRF_META.search(leader_page).group(1)
    admin_token = CSRF_META.search(admin_page).group(1)

    form = {"kind": "project", "object_id": lagging_project.pk, "text": "请加快进度"}
    refused = admin.post("/dashboards/instructions/", form | {"csrfmiddlewaretoken": leader_token})
    assert refused.status_code == 403
    accepted = admin.post("/dashboards/instructions/", form | {"csrfmiddlewaretoken": admin_token})
    assert accepted.status_code == 302
    assert Instruction.objects.get().author == admin_user
    assert "请加快进度" in _overview(leader)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@time_machine.travel(ON_THE_DAY, tick=True)
def test_a_leader_submits_an_instruction_from_the_cached_overview(
    page, lagging_project, leader_user, admin_user, settings
):
    settings.SUMMARY_CACHE_SECONDS = 600
    cache.clear()
    admin = Client()
    admin.force_login(admin_user)
    _overview(admin)  # the fragment is now in the cache, rendered for someone else
    browser_login(page, "leader")
    page.goto("/?campaign=t2026&as_of=2026-06-15")
    page.click(f"[data-bs-target='#instruct-project-{lagging_project.pk}']")
    page.fill(f"#text-project-{lagging_project.pk}", "本周内拿出赶工方案")
    page.click(f"#instruct-project-{lagging_project.pk} button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert Instruction.objects.get().author == leader_user
    assert "本周内拿出赶工方案" in page.inner_text("body")
    assert page.console_errors == []
    cache.clear()
