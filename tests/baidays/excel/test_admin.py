"""The admin's annex import (upload → preview → confirm), its permission and size limit, the
annex-layout export and the blank templates."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from baidays.excel import admin as excel_admin
from enterprises.models import CompetitionEntry
from projects.models import Project
from tests.annex_workbooks import annex1_file, annex1_row, sample_copy, write_rows
from tests.factories import CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:projects_project_import")
CONFIRM_URL = reverse("admin:projects_project_process_import")


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def upload(client, path, campaign, *, resource=0, url=IMPORT_URL):
    with open(path, "rb") as handle:
        data = {
            "campaign": campaign.pk,
            "resource": resource,
            "format": 0,
            "import_file": SimpleUploadedFile(path.name, handle.read()),
        }
    return client.post(url, data)


def confirm_data(response):
    html = response.content.decode()
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', html))
    return {
        key: fields[key]
        for key in ("import_file_name", "original_file_name", "format", "resource", "campaign")
    }


def test_upload_previews_then_confirm_saves(admin_client, campaign, tmp_path):
    response = upload(admin_client, sample_copy(1, tmp_path), campaign)
    assert response.status_code == 200
    html = response.content.decode()
    assert "纬二路道路工程" in html and "confirm" in html.lower()
    assert Project.objects.count() == 0
    response = admin_client.post(CONFIRM_URL, confirm_data(response))
    assert response.status_code == 302
    assert Project.objects.filter(campaign=campaign, annex=1).count() == 21
    assert Project.history.filter(history_user__username="admin").count() == 21


def test_bad_rows_are_listed_and_nothing_can_be_confirmed(admin_client, campaign, tmp_path):
    path = annex1_file(
        tmp_path / "bad.xlsx", [annex1_row(1, None), annex1_row(2, "乙", planned=-1)]
    )
    html = upload(admin_client, path, campaign).content.decode()
    assert "第 5 行“项目名称”列：不能为空" in html
    assert "第 6 行“百日计划投资”列：金额不能为负数" in html
    assert 'name="import_file_name"' not in html
    assert Project.objects.count() == 0


def test_a_file_that_is_not_a_workbook_gets_one_line(admin_client, campaign, tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"not a workbook")
    html = upload(admin_client, path, campaign).content.decode()
    assert "文件不是 Excel 工作簿" in html


def test_uploads_over_the_size_limit_are_refused(admin_client, campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(excel_admin, "MAX_UPLOAD_BYTES", 1024)
    html = upload(admin_client, sample_copy(1, tmp_path), campaign).content.decode()
    assert "文件超过" in html
    assert Project.objects.count() == 0


def test_import_needs_its_own_permission(client, campaign, tmp_path):
    user = UserFactory(username="clerk", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_project", "add_project", "change_project"])
    )
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(IMPORT_URL).status_code == 403
    user.user_permissions.add(
        Permission.objects.get(codename="import_annex", content_type__app_label="projects")
    )
    assert client.get(IMPORT_URL).status_code == 200


def test_annex2_is_imported_from_the_entry_admin(admin_client, campaign, tmp_path):
    url = reverse("admin:enterprises_competitionentry_import")
    response = upload(admin_client, sample_copy(2, tmp_path), campaign, url=url)
    confirm = reverse("admin:enterprises_competitionentry_process_import")
    admin_client.post(confirm, confirm_data(response))
    assert CompetitionEntry.objects.filter(campaign=campaign).count() == 20


def test_export_and_blank_template_download(admin_client, campaign, tmp_path):
    upload_response = upload(admin_client, sample_copy(1, tmp_path), campaign)
    admin_client.post(CONFIRM_URL, confirm_data(upload_response))
    changelist = admin_client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "导出附件1（含进度）" in changelist and "下载附件3空白模板" in changelist
    response = admin_client.get(reverse("admin:projects_project_annex_export", args=[1]))
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "附件1" and sheet["B5"].value == "现代工业集聚区纬二路道路工程"
    response = admin_client.get(reverse("admin:projects_project_annex_template", args=[3]))
    path.write_bytes(response.content)
    template = load_workbook(path).active
    assert template["A4"].value == "序号" and template["A5"].value == "合计"
    assert (
        admin_client.get(reverse("admin:projects_project_annex_export", args=[2])).status_code
        == 403
    )


def test_staff_without_admin_access_cannot_download(staff_client):
    response = staff_client.get(reverse("admin:projects_project_annex_template", args=[1]))
    assert response.status_code == 302


# --- issue 10: every format, Chinese only, columns not placed ---------------------------------
def test_an_xls_upload_previews_with_its_unit_and_confirms(admin_client, campaign, tmp_path):
    from tests.annex_corpus import VARIANTS, build, write_xls

    path = write_xls(build(1, VARIANTS[1])[0], tmp_path / "a.xls")
    response = upload(admin_client, path, campaign)
    html = response.content.decode()
    assert "金额单位：亿元" in html and "已与各行相加核对一致" in html
    admin_client.post(CONFIRM_URL, confirm_data(response))
    assert Project.objects.filter(campaign=campaign, annex=1).count() == 21


def test_the_import_page_has_no_english_and_refusals_no_class_names(
    admin_client, campaign, tmp_path
):
    page = admin_client.get(IMPORT_URL).content.decode()
    assert "Resource" not in page and "Format" not in page and "File to import" not in page
    path = annex1_file(tmp_path / "bad.xlsx", [annex1_row(1, None)])
    html = upload(admin_client, path, campaign).content.decode()
    assert "第 5 行“项目名称”列：不能为空" in html
    assert "AnnexRefusal" not in html and "Traceback" not in html and "baidays." not in html


def test_unknown_columns_are_listed_in_the_preview_and_mapped_there(
    admin_client, campaign, tmp_path
):
    from baidays.excel.models import AnnexColumnMapping

    header = ["序号", "项目名称", "百日计划投资（万元）", "责任单位", "拟定起始"]
    rows = [header, [1, "甲", 10, "园区建设科", "2026-05-08"]]
    path = write_rows(tmp_path / "a.xlsx", rows)
    response = upload(admin_client, path, campaign)
    html = response.content.decode()
    assert "未识别的列" in html and "E 列“拟定起始”" in html
    url = reverse("admin:projects_project_annex_mapping", args=[1])
    mapping = {"header_1": "拟定起始", "field_1": "planned_start", **confirm_data(response)}
    # the preview runs again on the file already uploaded: no second upload
    response = admin_client.post(url, mapping)
    assert AnnexColumnMapping.objects.get(annex=1).field == "planned_start"
    html = response.content.decode()
    assert response.status_code == 200
    assert "已记住附件1的列对应：“拟定起始”" in html
    assert "未识别的列" not in html and "2026-05-08" in html
    admin_client.post(CONFIRM_URL, confirm_data(response))
    assert Project.objects.get().planned_start.isoformat() == "2026-05-08"
    # next week's file with the same header is placed without asking
    html = upload(admin_client, path, campaign).content.decode()
    assert "未识别的列" not in html


def test_a_mapping_saved_without_the_uploaded_file_asks_for_it_again(admin_client, campaign):
    url = reverse("admin:projects_project_annex_mapping", args=[1])
    response = admin_client.post(url, {"header_1": "拟定起始", "field_1": "planned_start"})
    assert response.status_code == 302 and response.url == IMPORT_URL


def test_the_preview_shows_each_row_and_what_an_update_changes(admin_client, campaign, tmp_path):
    first = annex1_file(tmp_path / "a.xlsx", [annex1_row(1, "甲"), annex1_row(2, "乙")])
    admin_client.post(CONFIRM_URL, confirm_data(upload(admin_client, first, campaign)))
    rows = [annex1_row(1, "甲"), annex1_row(2, "乙", planned=150), annex1_row(3, "丙")]
    second = annex1_file(tmp_path / "b.xlsx", rows)
    response = upload(admin_client, second, campaign)
    html = response.content.decode()
    assert html.count('<tr class="skip">') == 1
    assert html.count('<tr class="update">') == 1 and "<del>100.00</del> <ins>150.00</ins>" in html
    assert html.count('<tr class="new">') == 1 and "丙" in html
    admin_client.post(CONFIRM_URL, confirm_data(response))
    assert Project.objects.get(name="乙").planned_investment_wan == 150
    assert Project.objects.count() == 3
    assert Project.history.filter(history_user__username="admin").count() == 4
