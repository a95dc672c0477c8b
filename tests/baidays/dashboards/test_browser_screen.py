"""The big screen on the meeting room's 1920×1080 display, in Chromium on the demo: every number
and label inside its panel and uncut, the donut's labels whole, no legend over an axis name, and
the 红黑榜 panel showing both boards — the top of 红榜 and the bottom of 黑榜. A screenshot is kept
for a person to look at (pytest's tmp_path)."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baidays.dashboards.models import ProjectPin
from baidays.dashboards.park_map import ParkPlanForm
from baidays.dashboards.selectors import Scope, league_standings
from baidays.demo.seed import seed_demo
from projects.models import Project
from tests import factories as f
from tests.conftest import browser_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
PASSWORD = "screen-1920"
SCREEN = {"width": 1920, "height": 1080}
GEOMETRY = "\n".join(
    line
    for line in Path(__file__).with_name("screen_geometry.js").read_text("utf-8").splitlines()
    if not line.startswith("//")
)


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#dde").save(buffer, "PNG")
    return SimpleUploadedFile("plan.png", buffer.getvalue(), content_type="image/png")


def with_photos_and_map(campaign):
    """What fills the screen most: four site photos and the park map with every project."""
    for project in Project.objects.filter(campaign=campaign).order_by("pk")[:4]:
        f.ProjectPhotoFactory(project=project, caption=f"{project.name}现场")
    form = ParkPlanForm(
        data={"campaign": campaign.pk, "title": "园区总平面图"}, files={"image": png(1600, 900)}
    )
    assert form.is_valid(), form.errors
    form.save()
    for n, project in enumerate(Project.objects.filter(campaign=campaign).order_by("pk")):
        ProjectPin.objects.create(
            project=project, x_percent=Decimal(5 + n * 3 % 90), y_percent=Decimal(10 + n % 80)
        )


@pytest.mark.parametrize("full", [False, True], ids=["demo", "with-photos-and-map"])
def test_the_big_screen_fits_1920_by_1080_with_both_boards(page, settings, tmp_path, full):
    from django.utils import timezone

    settings.MEDIA_ROOT = tmp_path
    campaign, _users = seed_demo(password=PASSWORD)
    if full:
        with_photos_and_map(campaign)
    standings = league_standings(Scope(campaign, timezone.localdate()))
    assert {"red", "black"} <= {row["board"] for row in standings}  # the demo has both

    page.set_viewport_size(SCREEN)
    browser_login(page, "leader", PASSWORD)
    page.goto("/dashboards/screen/?campaign=demo")
    page.wait_for_load_state("networkidle")
    # ECharts lays its labels out after the first frame; dashboards.js marks each chart when done
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(el => el.dataset.drawn)"
    )
    page.screenshot(path=str(tmp_path / "screen-1920x1080.png"))

    assert page.evaluate(GEOMETRY) == []
    red = page.locator("[data-board='red'] tbody tr")
    black = page.locator("[data-board='black'] tbody tr")
    assert red.count() >= 1 and black.count() >= 1
    for row in (red.last, black.last):
        assert row.is_visible()
        box = row.bounding_box()
        assert box["y"] + box["height"] <= SCREEN["height"]
    worst = min(standings, key=lambda row: (row["share"], -row["rank"]))
    assert black.first.locator("td").first.inner_text().strip() == str(worst["rank"])
    assert page.console_errors == []
