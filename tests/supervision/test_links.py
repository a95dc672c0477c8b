"""The 督办 pages' links: to the 督办单, its object and its unit, in the page's campaign and
as-of; the unit's dashboard and the phase pages only for those who can read them; the list in a
fixed number of queries however many 督办单 it shows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supervision.models import Supervision
from supervision.services import supervise
from tests import factories as f
from tests.factories_schedules import written_schedule

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 15)
SCOPE = "campaign=lnk&as_of=2026-06-15"


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="lnk")


def behind(campaign, department, count):
    """`count` projects of `department` behind their plan, and as many overdue phase tasks."""
    phase = campaign.phases.first() or f.PhaseFactory(campaign=campaign)
    for _ in range(count):
        project = f.ProjectFactory(campaign=campaign, responsible_department=department)
        written_schedule(project, {1: Decimal("100")})
        for week in range(1, 9):
            f.ProjectReportFactory(project=project, report_week=week)
        f.PhaseTaskFactory(
            phase=phase, responsible_department=department, due_date=datetime.date(2026, 6, 1)
        )
    supervise(campaign=campaign, as_of=DAY)


def test_a_leader_follows_the_card_its_item_and_its_unit_in_scope(campaign, leader_client):
    unit = f.DepartmentFactory(name="园区建设科")
    behind(campaign, unit, 1)
    body = leader_client.get(f"/supervision/?{SCOPE}").content.decode()
    project_card = Supervision.objects.get(cause="red")
    project = project_card.target
    assert f'href="/supervision/{project_card.pk}/?campaign=lnk&amp;as_of=2026-06-15"' in body
    assert f'href="/projects/{project.pk}/?campaign=lnk&amp;as_of=2026-06-15"' in body
    assert f'href="/dashboards/departments/{unit.pk}/?campaign=lnk&amp;as_of=2026-06-15"' in body
    assert 'href="/dashboards/phases/advance/?campaign=lnk&amp;as_of=2026-06-15"' in body
    notice = leader_client.get(f"/supervision/{project_card.pk}/?{SCOPE}").content.decode()
    assert 'href="/supervision/?campaign=lnk&amp;as_of=2026-06-15"' in notice
    assert f'href="/projects/{project.pk}/?campaign=lnk&amp;as_of=2026-06-15"' in notice


def test_a_unit_sees_its_item_links_but_no_leaders_pages(campaign, staff_client, department):
    behind(campaign, department, 1)
    body = staff_client.get(f"/supervision/?{SCOPE}").content.decode()
    assert "/projects/" in body
    assert "/dashboards/departments/" not in body and "/dashboards/phases/" not in body


def test_the_list_has_as_many_queries_for_many_cards_as_for_few(
    campaign, leader_client, django_assert_num_queries
):
    unit = f.DepartmentFactory(name="园区建设科")
    behind(campaign, unit, 1)
    leader_client.get(f"/supervision/?{SCOPE}")  # what is cached once per process
    with CaptureQueriesContext(connection) as few:
        leader_client.get(f"/supervision/?{SCOPE}")
    behind(campaign, f.DepartmentFactory(name="园区电力办"), 8)
    assert Supervision.objects.count() > 10
    with django_assert_num_queries(len(few.captured_queries)):
        leader_client.get(f"/supervision/?{SCOPE}")
