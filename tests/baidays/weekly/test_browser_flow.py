"""The staff's week in a real headless Chromium, on a desktop and at phone width: log in,
fill the batch form, upload a photo, see the item page; the leader's figures move."""

import io

import pytest
from PIL import Image

from tests.baidays.weekly.support import project_for, running_campaign
from tests.conftest import browser_login, open_phone_menu

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def photo_file(tmp_path):
    path = tmp_path / "site.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (180, 60, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_staff_reports_the_week_and_the_leader_sees_it(
    page, staff_user, leader_user, department, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    campaign = running_campaign()
    project = project_for(campaign, department, name="纬二路道路工程")
    checked = []

    def visit_checked():
        checked.append(page.url)
        assert no_horizontal_scroll(page), f"{page.url} scrolls sideways at {width}px"

    browser_login(page, "staff")
    assert page.url.endswith("/report/")
    assert "未填报" in page.inner_text(f"[data-item='project-{project.pk}']")
    visit_checked()

    page.click("text=填报第")
    page.wait_for_load_state("networkidle")
    visit_checked()
    page.fill("#id_form-0-week_investment_wan", "12.50")
    page.fill("#id_form-0-percent_complete", "18")
    page.fill("#id_form-0-progress_text", "路基施工完成一半")
    page.click("button:has-text('保存第')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/report/")
    assert "周报已保存" in page.content()
    assert "已填报" in page.inner_text(f"[data-item='project-{project.pk}']")

    page.click(f"[data-item='project-{project.pk}'] a")
    page.wait_for_load_state("networkidle")
    visit_checked()
    assert page.inner_text("[data-testid=completed-wan]") == "12.50"
    assert "路基施工完成一半" in page.content()
    page.set_input_files("input[name=image]", str(photo_file(tmp_path)))
    page.fill("input[name=caption]", "路基现场")
    page.click("button:has-text('上传照片')")
    page.wait_for_load_state("networkidle")
    assert "照片已上传" in page.content()
    thumbnail = page.locator("img.photo-thumb").first
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("#progress-chart svg").count() == 1  # ECharts drew the chart
    visit_checked()
    assert page.console_errors == []

    if width < 992:  # the navigation is folded behind the toggler on phones
        open_phone_menu(page)
    page.click("button:has-text('退出')")
    page.wait_for_load_state("networkidle")
    assert page.goto("/report/").url.split("?")[0].endswith("/accounts/login/")
    browser_login(page, "leader")
    summary = page.request.get("/api/summary/").json()
    assert summary["infrastructure"]["completed_wan"] == "12.50"
    assert summary["reports"]["submitted"] == 1
    assert "12.50" in page.content()  # the overview's infrastructure figure
    assert len(checked) == 4


def test_every_staff_page_fits_a_375_px_phone(page, staff_user, department):
    from django.urls import reverse

    from tests import factories as f
    from tests.baidays.weekly.support import entry_for

    page.set_viewport_size({"width": 375, "height": 800})
    campaign = running_campaign()
    project = project_for(
        campaign, department, name="永安工业集聚区四号路道路工程及配套雨污管网改造提升项目"
    )
    entry = entry_for(campaign, department)
    key = f.KeyEnterpriseFactory(campaign=campaign, responsible_department=department)
    decision = f.DecisionFactory(
        meeting=f.TopicMeetingFactory(campaign=campaign), responsible_department=department
    )
    problem = f.ProblemFactory(
        campaign=campaign, responsible_department=department, project=project
    )
    f.ProjectReportFactory(project=project, report_week=1, problems="征地拆迁" * 30)
    urls = [
        reverse("weekly:home"),
        reverse("weekly:batch"),
        reverse("projects:detail", args=[project.pk]),
        reverse("enterprises:entry-detail", args=[entry.pk]),
        reverse("weekly:done", args=["decision", decision.pk]),
        reverse("enterprises:problem-edit", args=[problem.pk]),
        reverse("enterprises:problem-new") + f"?project={project.pk}",
        reverse("enterprises:key-list"),
        reverse("enterprises:key-detail", args=[key.pk]),
        reverse("enterprises:promotions"),
        reverse("enterprises:land"),
        reverse("topics:meetings"),
        reverse("topics:meeting-new"),
        reverse("topics:land"),
        reverse("topics:approvals"),
        reverse("weekly:evaluations"),
    ]
    browser_login(page, "staff")
    too_wide = []
    for url in urls:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, url
        if not no_horizontal_scroll(page):
            too_wide.append(url)
    assert too_wide == []
    assert page.console_errors == []
