"""Every link on every dashboard resolves, answers the leader with a page, and — when it opens an
item, a unit, a problem or another dashboard — keeps the dashboard's `campaign` and `as_of`."""

import datetime
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import Resolver404, resolve

from baidays.demo.seed import seed_demo
from core.models import Department
from supervision.services import supervise

pytestmark = pytest.mark.django_db

DEMO_TODAY = datetime.date(2026, 6, 15)
AS_OF = "2026-06-12"
SCOPED_VIEWS = {
    "home",
    "projects:detail",
    "enterprises:entry-detail",
    "enterprises:problem-edit",
    "supervision:list",
    "supervision:notice",
}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []  # (href, text)
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = [dict(attrs).get("href") or "", ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.found.append((self._open[0], self._open[1].strip()))
            self._open = None


@pytest.fixture
def demo(db):
    campaign, _users = seed_demo(today=DEMO_TODAY, password="links-test-1")
    return campaign


@pytest.fixture
def leader_client(demo):
    """The demo's own leader, logged in after the demo set its password."""
    client = Client()
    client.force_login(
        User.objects.get(username="leader"), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def _dashboards(campaign):
    unit = Department.objects.get(name="园区建设科")
    pages = ["/", "/dashboards/departments/", f"/dashboards/departments/{unit.pk}/"]
    pages += [f"/dashboards/phases/{kind}/" for kind in ("mobilize", "advance", "summarize")]
    pages += ["/dashboards/league/", "/dashboards/screen/", "/dashboards/briefing/"]
    pages += ["/dashboards/lagging/", "/dashboards/lagging/?kind=entry", "/dashboards/missing/"]
    pages += ["/dashboards/missing/?kind=entry"]
    joiner = {True: "&", False: "?"}
    return [f"{page}{joiner['?' in page]}campaign={campaign.slug}&as_of={AS_OF}" for page in pages]


def _walk(client, pages, demo):
    """Every link of `pages`: resolved, and scoped where it opens a scoped page; returns the
    links by view name and the set of pages they open."""
    views, targets = [], set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        parser = Links()
        parser.feed(response.content.decode())
        for href, text in parser.found:
            if not href or href.startswith(("#", "mailto:", "/static/")) or href == "/admin/":
                continue
            if href.startswith("?"):
                href = urlsplit(page).path + href
            parts = urlsplit(href)
            assert not parts.netloc, f"{page}: 站外链接 {href}"
            try:
                match = resolve(parts.path)
            except Resolver404:
                pytest.fail(f"{page} 上的链接“{text}”无法解析：{href}")
            views.append(match.view_name)
            scoped = match.view_name in SCOPED_VIEWS or match.view_name.startswith("dashboards:")
            if scoped and text != "今天":
                query = parse_qs(parts.query)
                assert query.get("as_of") == [AS_OF], f"{page}: “{text}” {href} 丢了 as_of"
                assert query.get("campaign") == [demo.slug], f"{page}: “{text}” {href}"
            if match.view_name != "dashboards:briefing-xlsx":
                targets.add(href)
    return views, targets


def test_every_dashboard_link_resolves_and_keeps_the_scope(leader_client, demo):
    views, targets = _walk(leader_client, _dashboards(demo), demo)
    item_links = sum(view in ("projects:detail", "enterprises:entry-detail") for view in views)
    assert len(views) > 100 and item_links > 20
    for href in sorted(targets):
        assert leader_client.get(href).status_code == 200, href


def test_every_supervision_link_resolves_and_keeps_the_scope(leader_client, demo):
    """The 督办 list (each state, each level) and every 督办通知单 it links to: the 督办单, its
    item, problem or phase page, and its unit keep the list's campaign and as_of."""
    for day in ("2026-05-25", "2026-06-01", "2026-06-05", AS_OF):  # yellow, red and closed
        supervise(campaign=demo, as_of=datetime.date.fromisoformat(day))
    scope = f"campaign={demo.slug}&as_of={AS_OF}"
    lists = [f"/supervision/?{scope}"]
    lists += [f"/supervision/?{scope}&state={state}" for state in ("closed", "all")]
    lists += [f"/supervision/?{scope}&level={level}" for level in ("yellow", "red")]
    views, targets = _walk(leader_client, lists, demo)
    notices = sorted(
        href for href in targets if resolve(urlsplit(href).path).view_name == ("supervision:notice")
    )
    assert len(notices) >= 10, "the demo's 督办单 as of the day"
    notice_views, notice_targets = _walk(leader_client, notices, demo)
    linked = set(views) | set(notice_views)
    assert {
        "projects:detail",
        "enterprises:entry-detail",
        "enterprises:problem-edit",
        "dashboards:department",
        "supervision:list",
    } <= linked
    for href in sorted(targets | notice_targets):
        assert leader_client.get(href).status_code == 200, href


def test_a_red_item_opens_at_the_dashboards_date(leader_client, demo):
    lagging = leader_client.get(f"/dashboards/lagging/?campaign=demo&as_of={AS_OF}")
    parser = Links()
    parser.feed(lagging.content.decode())
    item = next(href for href, _text in parser.found if href.startswith("/projects/"))
    page = leader_client.get(item)
    assert "显示的是截至 2026年6月12日" in page.content.decode()
    week = demo.week_of(datetime.date.fromisoformat(AS_OF))
    assert all(report.report_week <= week for report in page.context["reports"])
    assert page.context["time_percent"] == demo.time_percent(datetime.date(2026, 6, 12))
