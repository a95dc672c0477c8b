"""The demo's words follow its moved dates, its login page says so, and `staff` finds rows of
the current week still to report."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User

from baidays.demo.seed import seed_demo
from core.models import Department
from projects.models import Project, ProjectReport
from topics.models import TopicTarget

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)  # day 46 of a campaign moved to begin on October 17


@pytest.fixture
def demo():
    campaign, _users = seed_demo(today=TODAY, password="words-test-1")
    return campaign


def test_topic_labels_name_the_moved_months(demo):
    titles = {t.metric: t.title for t in TopicTarget.objects.filter(campaign=demo)}
    for target in TopicTarget.objects.filter(campaign=demo):
        assert str(target.period_start.month) in target.title.split("月")[0]
    assert not any(title.startswith(("5月份", "6、7月份", "7月份")) for title in titles.values())
    assert any(title.startswith("10、11月份") for title in titles.values())  # 5月份, moved


def test_the_staff_unit_has_rows_of_this_week_left_to_report(demo):
    unit = Department.objects.get(name="园区建设科")
    week = demo.week_of(TODAY)
    own = Project.objects.filter(campaign=demo, responsible_department=unit)
    reported = ProjectReport.objects.filter(project__in=own, report_week=week).count()
    assert 0 < reported < own.count()
    assert own.count() - reported == 3


def test_the_login_page_says_how_the_demo_dates_were_moved(client, demo):
    page = client.get("/accounts/login/").content.decode()
    assert "整体平移" in page and "2026年10月17日" in page and "随之平移" in page


def test_an_empty_department_shows_a_dash_not_a_red_zero(client, demo):
    client.force_login(User.objects.get(username="leader"))
    empty = Department.objects.create(name="无项目单位")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        page = client.get(f"/dashboards/departments/{empty.pk}/?campaign=demo")
    body = page.content.decode()
    assert page.status_code == 200
    assert "0.00%" not in body and "—" in body
