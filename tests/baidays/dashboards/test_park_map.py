"""The park map: the admin uploads the plan image (checked by core.uploads), places projects by
dragging pins (saved per project, all or none), and the overview and the big screen draw them
coloured by lag, each linking to its project; the image is served only through send_upload."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baidays.dashboards.models import ProjectPin
from baidays.dashboards.park_map import ParkPlanForm
from tests import factories as f
from tests.conftest import browser_login

pytestmark = pytest.mark.django_db
SCOPE = "?campaign=t2026&as_of=2026-06-15"


def _png(name="plan.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "#dde").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def campaign(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    campaign = f.CampaignFactory(slug="t2026")
    f.PhaseFactory(campaign=campaign)
    return campaign


@pytest.fixture
def plan(campaign):
    form = ParkPlanForm(
        data={"campaign": campaign.pk, "title": "园区总平面图"}, files={"image": _png()}
    )
    assert form.is_valid(), form.errors
    return form.save()


def test_the_upload_refuses_what_is_not_an_image(campaign):
    fake = SimpleUploadedFile("plan.png", b"<html>not a picture</html>", content_type="image/png")
    form = ParkPlanForm(data={"campaign": campaign.pk, "title": "图"}, files={"image": fake})
    assert not form.is_valid()
    assert "image" in form.errors


def test_pins_are_saved_per_project_and_drawn_coloured_with_links(admin_client, campaign, plan):
    behind = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    other = f.ProjectFactory(campaign=campaign)
    response = admin_client.post(
        "/dashboards/map/" + SCOPE,
        {f"pin-{behind.pk}-x": "25.5", f"pin-{behind.pk}-y": "40", f"pin-{other.pk}-x": ""},
    )
    assert response.status_code == 302
    pin = ProjectPin.objects.get(project=behind)
    assert (pin.x_percent, pin.y_percent) == (Decimal("25.50"), Decimal("40.00"))
    assert not ProjectPin.objects.filter(project=other).exists()
    page = admin_client.get("/" + SCOPE).content.decode()
    assert (
        f'data-pin="{behind.pk}" href="/projects/{behind.pk}/?campaign=t2026&amp;as_of=2026-06-15"'
        in page
    )
    assert "left: 25.50%; top: 40.00%" in page
    assert 'class="park-pin lag-red' in page  # nothing done by mid-June: red
    screen = admin_client.get("/dashboards/screen/" + SCOPE).content.decode()
    assert f'data-pin="{behind.pk}"' in screen


def test_a_bad_position_saves_nothing_and_says_which_project(admin_client, campaign, plan):
    first = f.ProjectFactory(campaign=campaign, name="一号路")
    second = f.ProjectFactory(campaign=campaign, name="二号路")
    response = admin_client.post(
        "/dashboards/map/" + SCOPE,
        {
            f"pin-{first.pk}-x": "10",
            f"pin-{first.pk}-y": "10",
            f"pin-{second.pk}-x": "130",
            f"pin-{second.pk}-y": "5",
        },
        follow=True,
    )
    assert "二号路" in response.content.decode() and "0–100" in response.content.decode()
    assert not ProjectPin.objects.exists()


def test_leaders_see_the_map_but_do_not_place_pins(leader_client, campaign, plan):
    project = f.ProjectFactory(campaign=campaign)
    page = leader_client.get("/dashboards/map/" + SCOPE)
    assert page.status_code == 200 and "data-pin-form" not in page.content.decode()
    leader_client.post(
        "/dashboards/map/" + SCOPE, {f"pin-{project.pk}-x": "5", f"pin-{project.pk}-y": "5"}
    )
    assert not ProjectPin.objects.exists()


def test_the_plan_image_is_served_checked_and_never_as_a_plain_media_file(
    leader_client, staff_client, campaign, plan
):
    image = leader_client.get("/dashboards/map/plan-image/" + SCOPE)
    assert image.status_code == 200 and image["Content-Security-Policy"].startswith("sandbox")
    assert staff_client.get("/dashboards/map/plan-image/" + SCOPE).status_code == 403
    assert leader_client.get(f"/media/{plan.image.name}").status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_drags_a_pin_and_saves_it(page, admin_user, campaign, plan):
    project = f.ProjectFactory(campaign=campaign)
    page.set_viewport_size({"width": 1200, "height": 900})
    browser_login(page, "admin")
    page.goto("/dashboards/map/" + SCOPE)
    page.wait_for_load_state("networkidle")
    pin = page.locator(f'[data-pin="{project.pk}"]')
    box = page.locator(".park-plan").bounding_box()
    pin.hover()
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=5)
    page.mouse.up()
    page.click("[data-save-pins]")
    page.wait_for_load_state("networkidle")
    saved = ProjectPin.objects.get(project=project)
    assert abs(saved.x_percent - 50) < 3 and abs(saved.y_percent - 50) < 3
    assert page.console_errors == []
