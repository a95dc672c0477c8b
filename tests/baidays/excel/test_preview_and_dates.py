"""The import preview speaks the clerk's words (choice labels, 新增 / 更新 / 未变) and warns,
naming the rows, about plans outside the campaign before anything is saved; so does the
command."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from enterprises.models import CompetitionEntry
from projects.models import Project
from tests.annex_workbooks import annex1_file, annex1_row, sample_copy
from tests.baidays.excel.test_admin import upload
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db
ENTRY_IMPORT_URL = reverse("admin:enterprises_competitionentry_import")


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def preview_types(html):
    import re

    return re.findall(r'<td class="import-type">\s*(\S+)\s*</td>', html)


def test_the_preview_shows_goal_labels_not_codes(admin_client, campaign, tmp_path):
    html = upload(admin_client, sample_copy(2, tmp_path), campaign, url=ENTRY_IMPORT_URL)
    html = html.content.decode()
    assert "<td>开工</td>" in html and "<td>加快推进</td>" in html and "<td>竣工</td>" in html
    for code in ("start", "accelerate", "complete"):
        assert f"<td>{code}</td>" not in html
    assert set(preview_types(html)) == {"新增"}


def test_unchanged_rows_are_labelled_unchanged(admin_client, campaign, tmp_path):
    path = sample_copy(1, tmp_path)
    call_command("import_annex", "1", str(path), "--campaign", "c2026", stdout=StringIO())
    html = upload(admin_client, path, campaign).content.decode()
    assert set(preview_types(html)) == {"未变"}
    assert "忽略" not in html.split('class="import-preview"')[1]


def test_a_changed_goal_reads_in_labels(campaign, tmp_path):
    from baidays.excel.importing import import_annex

    import_annex(annex=2, source=sample_copy(2, tmp_path), campaign=campaign)
    entry = CompetitionEntry.objects.filter(goal="start").first()
    CompetitionEntry.objects.filter(pk=entry.pk).update(goal="complete")
    summary = import_annex(annex=2, source=sample_copy(2, tmp_path), campaign=campaign)
    lines = [str(change) for change in summary.changes]
    assert any("竣工 → 开工" in line for line in lines), lines


def before_campaign(path):
    early = {"计划开工时间": datetime.date(2025, 3, 1), "计划完成时间": datetime.date(2025, 4, 1)}
    return annex1_file(path, [annex1_row(1, "甲", **early), annex1_row(2, "乙")])


def test_plans_before_the_campaign_are_warned_about_in_the_preview(
    admin_client, campaign, tmp_path
):
    html = upload(admin_client, before_campaign(tmp_path / "a.xlsx"), campaign).content.decode()
    assert "请注意" in html
    assert "第 5 行的“计划完成时间”早于百日行动开始（2026-05-01）" in html
    assert Project.objects.count() == 0


def test_the_command_stops_before_saving_plans_outside_the_campaign(campaign, tmp_path):
    path = before_campaign(tmp_path / "a.xlsx")
    with pytest.raises(CommandError) as caught:
        call_command("import_annex", "1", str(path), "--campaign", "c2026", stdout=StringIO())
    assert "第 5 行的“计划完成时间”早于百日行动开始" in str(caught.value)
    assert "--accept-dates" in str(caught.value)
    assert not Project.objects.exists()
    out = StringIO()
    call_command("import_annex", "1", str(path), "--campaign", "c2026", "--dry-run", stdout=out)
    assert "请注意：第 5 行" in out.getvalue() and not Project.objects.exists()
    out = StringIO()
    call_command(
        "import_annex", "1", str(path), "--campaign", "c2026", "--accept-dates", stdout=out
    )
    assert "请注意：第 5 行" in out.getvalue()
    assert Project.objects.count() == 2


def test_a_plan_starting_after_the_campaign_is_warned_about(campaign, tmp_path):
    late = {"计划开工时间": datetime.date(2026, 9, 1), "计划完成时间": datetime.date(2026, 12, 1)}
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1, "甲", **late)])
    out = StringIO()
    call_command("import_annex", "1", str(path), "--campaign", "c2026", "--dry-run", stdout=out)
    assert "第 5 行的“计划开工时间”晚于百日行动结束（2026-08-20）" in out.getvalue()
