"""The audit administrator in a real headless Chromium at 375 and 1440 px: logs in, lands on
the audit log, filters it by user and event, and exports what is shown."""

import io

import pytest
from openpyxl import load_workbook

from audit.choices import Event
from audit.services import record
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("width", [375, 1440])
def test_the_audit_admin_filters_and_exports_the_log(page, live_server, auditor_user, width):
    record(event=Event.LOGIN, username="staff", target="staff")
    record(event=Event.EXPORT, username="leader", target="briefing.xlsx")
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, "auditor")
    assert page.url == f"{live_server.url}/security/audit/"
    records = page.locator("[data-testid=audit-records] .card")
    assert "用户：staff" in page.locator("[data-testid=audit-records]").inner_text()

    page.fill("#id_username", "leader")
    page.select_option("#id_event", "export")
    page.click("text=筛选")
    page.wait_for_load_state("networkidle")
    assert records.count() == 1
    assert "briefing.xlsx" in records.first.inner_text()
    for control in page.locator(
        ", ".join(f"[data-testid=audit-filters] {kind}" for kind in ("input", "select", ".btn"))
    ).all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["height"] >= 44

    with page.expect_download() as download:
        page.click("[data-testid=audit-export]")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    users = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert users == ["leader"]
    assert page.console_errors == []
