"""The leader's loop on the demo, in Chromium: finds an item by typing part of its name in the
navbar, opens it (the campaign kept), reads the lagging list (cards on a phone, a table on a
desktop) and leaves a 批示 from it; and every leader page is usable with a finger at 375 px —
controls inside the screen and at least 44 px, no table cell narrower than four characters,
nothing scrolling sideways once a park plan with pins is uploaded."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baidays.dashboards.models import ProjectPin
from baidays.dashboards.park_map import ParkPlanForm
from baidays.demo.seed import seed_demo
from core.models import Instruction
from projects.models import Project
from tests.baidays.phone import DESKTOP, PHONE, layout_problems, usable_problems
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
PASSWORD = "leader-loop-1"
SCOPE = "?campaign=demo"
LEADER_PAGES = [
    "/",
    "/dashboards/lagging/",
    "/dashboards/lagging/?kind=entry&campaign=demo",
    "/dashboards/missing/",
    "/dashboards/departments/",
    "/dashboards/league/",
    "/dashboards/map/",
    "/supervision/",
    "/dashboards/search/?q=园区&campaign=demo",
]


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#dde").save(buffer, "PNG")
    return SimpleUploadedFile("plan.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def demo(settings, tmp_path):
    """The demo with a park plan uploaded and every project placed on it."""
    settings.MEDIA_ROOT = tmp_path
    campaign, _users = seed_demo(password=PASSWORD)
    form = ParkPlanForm(
        data={"campaign": campaign.pk, "title": "园区总平面图"}, files={"image": _png()}
    )
    assert form.is_valid(), form.errors
    form.save()
    for n, project in enumerate(Project.objects.filter(campaign=campaign).order_by("pk")):
        ProjectPin.objects.create(
            project=project, x_percent=Decimal(5 + n * 3 % 90), y_percent=Decimal(10 + n % 80)
        )
    return campaign


def _url(path):
    return path if "campaign=" in path else path + SCOPE


def test_every_leader_page_is_usable_with_a_finger_at_375_px(page, demo):
    page.set_viewport_size(PHONE)
    browser_login(page, "leader", PASSWORD)
    failures = []
    for path in LEADER_PAGES:
        response = page.goto(_url(path), wait_until="load")
        assert response.status == 200, path
        found = usable_problems(page) + layout_problems(page)
        failures.extend(f"{path}: {problem}" for problem in found)
    assert failures == [], "\n".join(failures)
    assert page.console_errors == []


def _laggard():
    """The demo's most lagging project: red, first on the lagging list, already instructed."""
    return Instruction.objects.order_by("pk").first().item


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1440px"])
def test_a_leader_finds_an_item_reads_the_lagging_cards_and_instructs(page, demo, viewport):
    laggard = _laggard()
    page.set_viewport_size(viewport)
    browser_login(page, "leader", PASSWORD)
    page.goto("/" + SCOPE)

    # 1. the navbar's search box, beside the brand even on a phone
    box = page.locator("#navbar-q")
    assert box.is_visible()
    box.fill(laggard.name[:4])
    box.press("Enter")
    page.wait_for_url("**/dashboards/search/**")
    hits = page.locator('.search-group[data-kind="project"] .search-hit a')
    assert laggard.name in hits.all_inner_texts()
    assert "campaign=demo" in page.url
    if viewport is PHONE:
        assert usable_problems(page) == []

    # 2. the item's page, the campaign kept
    page.locator(".search-hit a", has_text=laggard.name).first.click()
    page.wait_for_url(f"**/projects/{laggard.pk}/?campaign=demo*")
    assert page.locator("h1").inner_text() == laggard.name

    # 3. the lagging list: one card per item on a phone, a table row on a desktop
    page.goto("/dashboards/lagging/" + SCOPE)
    row = page.locator(
        "table.table-cards > tbody > tr",
        has=page.get_by_role("link", name=laggard.name, exact=True),
    )
    name_cell = row.locator("td", has=page.get_by_role("link", name=laggard.name, exact=True))
    assert row.count() == 1
    if viewport is PHONE:
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        assert name_cell.bounding_box()["width"] > 0.7 * PHONE["width"]  # not squeezed
        assert name_cell.get_attribute("data-label") == "名称"
        assert row.locator("[data-label='责任单位']").inner_text().strip() == str(
            laggard.responsible_department
        )
    else:
        assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
    assert row.locator(".badge").first.inner_text().strip() in {"严重滞后", "滞后"}

    # 4. the 批示 button inside the screen, then the form, then the note on the card
    button = row.get_by_role("button", name="批示")
    frame = button.bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= viewport["width"]
    if viewport is PHONE:
        assert min(frame["width"], frame["height"]) >= 44
    button.click()
    text = page.get_by_label(f"对“{laggard.name}”的批示")
    text.wait_for(state="visible")
    assert text.bounding_box()["x"] + text.bounding_box()["width"] <= viewport["width"]
    text.fill("请本周内报送赶工计划，领导小组办公室跟踪。")
    page.get_by_role("button", name="提交批示").locator("visible=true").click()
    page.wait_for_load_state("load")
    assert f"已对“{laggard.name}”作出批示" in page.locator(".alert-success").inner_text()
    row = page.locator(
        "table.table-cards > tbody > tr",
        has=page.get_by_role("link", name=laggard.name, exact=True),
    )
    assert "请本周内报送赶工计划" in row.locator(".instruction-note").inner_text()
    assert Instruction.objects.filter(
        object_id=laggard.pk, text="请本周内报送赶工计划，领导小组办公室跟踪。"
    ).exists()
    if viewport is PHONE:
        assert usable_problems(page) == [] and layout_problems(page) == []
    assert page.console_errors == []
