"""Item pages show their change log (imports and hand edits alike) and let the item's writers
archive it; an archived item leaves the staff's lists and the dashboards' totals."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from projects.models import Project
from tests import factories as f
from tests.annex_workbooks import ANNEX1_HEADER, annex1_file, annex1_row
from tests.baidays.weekly.support import running_campaign

pytestmark = pytest.mark.django_db


def history_section(html):
    match = re.search(r'<div id="history"[^>]*>(.*?)</section>', html, re.S)
    assert match, "the page has no 修改记录 section"
    return match.group(1)


@pytest.fixture
def campaign():
    return running_campaign()


def within(campaign, row):
    """The row's planned dates inside the running campaign, whatever today is."""
    start, finish = ANNEX1_HEADER.index("计划开工时间"), ANNEX1_HEADER.index("计划完成时间")
    row[start], row[finish] = campaign.start_date, campaign.end_date
    return row


def test_the_project_page_shows_the_import_and_a_hand_edit(
    staff_client, staff_user, campaign, department, tmp_path
):
    call_command(
        "import_annex",
        "1",
        str(annex1_file(tmp_path / "a.xlsx", [within(campaign, annex1_row(1, "东一路"))])),
        "--campaign",
        campaign.slug,
        stdout=StringIO(),
    )
    project = Project.objects.get(name="东一路")
    assert project.responsible_department == department
    project.planned_investment_wan = Decimal("150.00")
    project._history_user = staff_user
    project.save()

    history = history_section(staff_client.get(f"/projects/{project.pk}/").content.decode())
    assert "导入附件1" in history
    assert "创建" in history and "修改" in history
    assert "100.00" in history and "150.00" in history  # 百日计划投资: old → new
    assert "staff" in history or staff_user.person.name in history


def test_the_entry_page_shows_a_hand_edit_made_through_the_goal_form(
    staff_client, staff_user, campaign, department
):
    entry = f.CompetitionEntryFactory(campaign=campaign, responsible_department=department)
    response = staff_client.post(
        f"/enterprises/entries/{entry.pk}/goal/",
        {"version": entry.version, "achieved_on": campaign.start_date.isoformat()},
    )
    assert response.status_code == 302
    history = history_section(
        staff_client.get(f"/enterprises/entries/{entry.pk}/").content.decode()
    )
    assert campaign.start_date.isoformat() in history
    assert staff_user.person.name in history


@pytest.mark.parametrize(
    ("url", "factory", "kind"),
    [
        ("/projects/{pk}/", f.ProjectFactory, "project"),
        ("/enterprises/entries/{pk}/", f.CompetitionEntryFactory, "competition-entry"),
        ("/enterprises/key/{pk}/", f.KeyEnterpriseFactory, "key-enterprise"),
        ("/enterprises/problems/{pk}/", f.ProblemFactory, "problem"),
    ],
)
def test_item_pages_offer_archiving_to_writers_only(
    staff_client, leader_client, campaign, department, url, factory, kind
):
    item = factory(campaign=campaign, responsible_department=department)
    page = url.format(pk=item.pk)
    staff_html = staff_client.get(page).content.decode()
    assert f'action="/archive/{kind}/{item.pk}/"' in staff_html
    assert f'name="next" value="{page}"' in staff_html
    assert 'id="history"' in staff_html
    leader_html = leader_client.get(page).content.decode()
    assert "/archive/" not in leader_html
    assert 'id="history"' in leader_html  # leaders read the change log too


def test_archiving_from_the_item_page_and_restoring(
    staff_client, admin_client, campaign, department
):
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    page = f"/projects/{project.pk}/"
    response = staff_client.post(f"/archive/project/{project.pk}/", {"next": page})
    assert response["Location"] == page
    html = staff_client.get(page).content.decode()
    assert "已归档，不计入统计" in html
    assert "/archive/project/" not in html and "/restore/project/" not in html
    admin_html = admin_client.get(page).content.decode()
    assert f'action="/restore/project/{project.pk}/"' in admin_html
    admin_client.post(f"/restore/project/{project.pk}/", {"next": page})
    project.refresh_from_db()
    assert not project.is_archived


def test_an_archived_item_leaves_the_staff_lists_and_the_dashboards(
    staff_client, leader_client, campaign, department
):
    kept = f.ProjectFactory(campaign=campaign, responsible_department=department, name="留下的路")
    gone = f.ProjectFactory(campaign=campaign, responsible_department=department, name="归档的路")
    key = f.KeyEnterpriseFactory(campaign=campaign, responsible_department=department)
    for project, amount in ((kept, "10.00"), (gone, "90.00")):
        f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal(amount))

    def seen():
        weekly = staff_client.get("/report/").content.decode()
        batch = staff_client.get("/report/week/").content.decode()
        keys = staff_client.get("/enterprises/key/").content.decode()
        departments = leader_client.get("/dashboards/departments/")
        row = next(r for r in departments.context["rows"] if r["department"] == department)
        return {
            "weekly": "归档的路" in weekly,
            "batch": "归档的路" in batch,
            "key": f"/enterprises/key/{key.pk}/" in keys,
            "items": row["items"],
        }

    assert seen() == {"weekly": True, "batch": True, "key": True, "items": 2}
    staff_client.post(f"/archive/project/{gone.pk}/")
    staff_client.post(f"/archive/key-enterprise/{key.pk}/")
    staff_client.get("/accounts/password-change/")  # shows (and clears) the 已归档 messages
    assert seen() == {"weekly": False, "batch": False, "key": False, "items": 1}
    summary = leader_client.get("/api/summary/").json()
    assert summary["infrastructure"]["completed_wan"] == "10.00"
