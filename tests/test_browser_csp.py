"""The Content Security Policy blocks nothing the portal and the admin need: a real Chromium
reports every CSP violation as a console error."""

import pytest

from . import factories as f
from .conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_home_and_admin_pages_run_under_the_csp(page, admin_user):
    project = f.ProjectFactory(campaign=f.CampaignFactory(slug="2026"))
    browser_login(page, "admin")
    for url in [
        "/",
        "/admin/",
        "/admin/projects/project/",
        f"/admin/projects/project/{project.pk}/change/",
        f"/admin/projects/project/{project.pk}/history/",
        "/accounts/password-change/",
    ]:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, url
        assert "content-security-policy" in response.headers
    assert page.console_errors == []


def test_an_injected_inline_script_is_blocked(page, admin_user):
    browser_login(page, "admin")
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in e for e in page.console_errors)
