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
