"""An administrator's second factor in a real headless Chromium, at a phone's and a desktop's
width: password → enrolment (the QR code and the secret) → a TOTP code computed from the
secret shown → the admin → log out → back in with a recovery code."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _touch_size_ok(page):
    """Every control of the card lies inside the viewport and is at least 44 px each way."""
    width = page.viewport_size["width"]
    for control in page.locator("main input:visible, main button:visible, main a.btn").all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert min(box["width"], box["height"]) >= 44


@pytest.mark.parametrize("width", [375, 1440])
def test_admin_enrols_uses_the_admin_and_comes_back_with_a_recovery_code(
    page, live_server, settings, admin_user, width
):
    settings.OTP_REQUIRED_ROLES = ["admin"]
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, "admin")
    assert "/security/second-factor/setup/" in page.url
    assert page.locator("[data-testid=otp-qr] svg").is_visible()
    secret = page.locator("[data-testid=otp-secret]").inner_text().strip()
    _touch_size_ok(page)

    page.fill("#id_code", f"{TOTP(b32decode(secret)).token():06d}")
    page.click("text=验证并启用")
    page.wait_for_load_state("networkidle")
    codes = page.locator("[data-testid=recovery-codes] li").all_inner_texts()
    assert len(codes) == 10
    _touch_size_ok(page)
    page.click("text=我已保存，继续")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/"

    page.goto("/admin/")
    assert page.url == f"{live_server.url}/admin/"
    assert "百日行动管理平台" in page.content()
    page.click("#logout-form button")
    page.wait_for_load_state("networkidle")

    browser_login(page, "admin")
    assert "/security/second-factor/verify/" in page.url
    _touch_size_ok(page)
    page.fill("#id_code", codes[0])
    page.click("button:has-text('验证')")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/"
    page.goto("/admin/")
    assert page.url == f"{live_server.url}/admin/"
    assert page.console_errors == []
