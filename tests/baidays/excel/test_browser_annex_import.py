"""An admin uploads the office's 附件1 in a real browser, sees the preview, and confirms."""

import pytest

from projects.models import Project
from tests import factories as f
from tests.annex_workbooks import sample_copy
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_admin_uploads_previews_and_confirms_annex_1(page, admin_user, tmp_path):
    f.CampaignFactory(slug="2026")
    browser_login(page, "admin")
    page.goto("/admin/projects/project/")
    page.click("text=导入")
    page.set_input_files("#id_import_file", str(sample_copy(1, tmp_path)))
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "现代工业集聚区纬二路道路工程" in page.content()
    assert Project.objects.count() == 0
    page.click("input[type=submit][name=confirm], form[action*=process_import] input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert Project.objects.filter(annex=1).count() == 21
    assert "/admin/projects/project/" in page.url and "21" in page.content()


@pytest.mark.parametrize("width", [375, 1440])
def test_admin_names_the_sheet_of_a_two_sheet_workbook_and_sees_labels(
    page, admin_user, tmp_path, width
):
    from tests.annex_corpus import VARIANTS, Sheet, build, write_xlsx_book

    def untitled(annex):
        sheet = build(annex, VARIANTS[0])[0]
        return Sheet(sheet.rows[2:], [(a - 2, b, c - 2, d) for a, b, c, d in sheet.merges])

    path = write_xlsx_book([("甲表", untitled(1)), ("乙表", untitled(3))], tmp_path / "两表.xlsx")
    f.CampaignFactory(slug="2026")
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, "admin")
    page.goto("/admin/projects/project/import/")
    page.select_option("#id_resource", index=1)
    page.set_input_files("#id_import_file", str(path))
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "2 个工作表都可能是附件3：“甲表”“乙表”" in page.content()
    box = page.locator("#id_sheet").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    page.select_option("#id_resource", index=1)
    page.set_input_files("#id_import_file", str(path))
    page.fill("#id_sheet", "乙表")
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")
    types = page.locator("td.import-type").all_inner_texts()
    assert [text.strip() for text in types] == ["新增"] * 10
    assert "年产5000台数控机床项目" in page.content()
    page.click("form[action*=process_import] input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert Project.objects.filter(annex=3).count() == 10
    assert not Project.objects.filter(annex=1).exists()
