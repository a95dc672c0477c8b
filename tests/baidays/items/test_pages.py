"""Item pages of projects and 争先杯 entries: plan, timeline, chart, 批示, photos, goal."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from baidays.items import photos
from core import uploads
from core.models import Instruction
from projects.models import ProjectPhoto
from tests import factories as f
from tests.baidays.weekly.support import entry_for, image_upload, project_for

pytestmark = pytest.mark.django_db


def detail(project):
    return reverse("projects:detail", args=[project.pk])


def test_the_project_page_shows_plan_timeline_and_chart(staff_client, campaign, department):
    project = project_for(campaign, department, milestone_target="完成路基及雨污管网")
    f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("10.00"))
    f.ProjectReportFactory(
        project=project, report_week=2, week_investment_wan=Decimal("15.50"), percent_complete=25
    )
    response = staff_client.get(detail(project))
    body = response.content.decode()
    assert response.status_code == 200
    assert "完成路基及雨污管网" in body and "100.00 万元" in body
    assert 'data-testid="completed-wan">25.50<' in body
    assert "累计 25.50 万元" in body and "累计 10.00 万元" in body
    chart = response.context["chart"]
    assert chart["cumulative_wan"][:2] == ["10.00", "25.50"]
    assert chart["cumulative_percent"][1] == "25.50"
    assert len(chart["time_percent"]) == len(chart["weeks"])
    assert "vendor/echarts/echarts.min.js" in body
    json.loads(body.split('id="chart-data" type="application/json">')[1].split("</script>")[0])


def test_a_plan_given_by_the_month_shows_the_month(staff_client, campaign, department):
    project = project_for(
        campaign,
        department,
        planned_start=datetime.date(2026, 5, 1),
        planned_start_is_month=True,
        planned_finish=datetime.date(2026, 8, 20),
    )
    body = staff_client.get(detail(project)).content.decode()
    assert "2026年5月 至 2026年8月20日" in body


def test_another_departments_item_is_a_404_for_staff(other_staff_client, campaign, department):
    project = project_for(campaign, department)
    assert other_staff_client.get(detail(project)).status_code == 404


def test_leaders_read_every_item_and_see_the_instruction_form(leader_client, campaign, department):
    project = project_for(campaign, department)
    body = leader_client.get(detail(project)).content.decode()
    assert "发送批示" in body and "上传照片" not in body


def test_staff_visit_marks_instructions_read_and_a_leader_visit_does_not(
    staff_client, leader_client, leader_user, staff_user, campaign, department
):
    project = project_for(campaign, department)
    instruction = f.InstructionFactory(
        target=project, author=leader_user, text="务必月底前完成路基"
    )
    leader_client.get(detail(project))
    instruction.refresh_from_db()
    assert instruction.read_at is None
    body = staff_client.get(detail(project)).content.decode()
    assert "务必月底前完成路基" in body
    instruction.refresh_from_db()
    assert instruction.read_by == staff_user and instruction.read_at is not None


def test_a_leader_writes_an_instruction_and_staff_cannot(
    leader_client, staff_client, campaign, department
):
    project = project_for(campaign, department)
    url = reverse("projects:instruct", args=[project.pk])
    assert staff_client.post(url, {"text": "擅自批示"}).status_code == 403
    empty = leader_client.post(url, {"text": ""})
    assert empty.status_code == 400 and "请填写批示内容" in empty.content.decode()
    assert leader_client.post(url, {"text": "加快进度"}).status_code == 302
    assert Instruction.objects.get().text == "加快进度"


def test_a_photo_is_turned_upright_and_gets_a_thumbnail(staff_client, campaign, department):
    project = project_for(campaign, department)
    upload = image_upload(size=(80, 40), exif_orientation=6)  # taken with the phone on its side
    response = staff_client.post(
        reverse("projects:photo-upload", args=[project.pk]), {"image": upload, "caption": "路基"}
    )
    assert response.status_code == 302
    photo = ProjectPhoto.objects.get()
    with Image.open(photo.image.path) as stored:
        assert stored.size == (40, 80)
        assert not stored.getexif().get(0x0112)
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) <= max(photos.THUMBNAIL_BOX)
    served = staff_client.get(reverse("projects:photo-file", args=[project.pk, photo.pk, "thumb"]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert f"photos/{photo.pk}/thumb/" in staff_client.get(detail(project)).content.decode()


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_photos_are_accepted(staff_client, campaign, department, image_format):
    project = project_for(campaign, department)
    upload = image_upload(name=f"a.{image_format.lower()}", image_format=image_format)
    staff_client.post(reverse("projects:photo-upload", args=[project.pk]), {"image": upload})
    assert ProjectPhoto.objects.get().image.name.endswith(f".{image_format.lower()}")


def test_a_photo_of_another_type_is_refused(staff_client, campaign, department):
    project = project_for(campaign, department)
    gif = image_upload(name="a.gif", image_format="GIF")
    response = staff_client.post(
        reverse("projects:photo-upload", args=[project.pk]), {"image": gif}
    )
    assert response.status_code == 400
    assert "“a.gif”的类型 .gif 不允许上传" in response.content.decode()
    disguised = image_upload(name="a.jpg", image_format="GIF")
    response = staff_client.post(
        reverse("projects:photo-upload", args=[project.pk]), {"image": disguised}
    )
    assert "“a.jpg”不是 JPEG、PNG 或 WebP 格式的图片" in response.content.decode()
    text = image_upload(name="report.jpg")
    text.file.write(b"not an image")
    text.file.seek(0)
    text.file.truncate(12)
    response = staff_client.post(
        reverse("projects:photo-upload", args=[project.pk]), {"image": text}
    )
    assert "“report.jpg”不是有效的图片，或已损坏" in response.content.decode()
    assert not ProjectPhoto.objects.exists()


def test_a_photo_too_big_or_with_too_many_pixels_is_refused(
    staff_client, campaign, department, monkeypatch, settings
):
    project = project_for(campaign, department)
    url = reverse("projects:photo-upload", args=[project.pk])
    settings.UPLOAD_MAX_BYTES = 100
    response = staff_client.post(url, {"image": image_upload(size=(200, 200))})
    assert "“site.jpg”大小为" in response.content.decode()
    assert "超过上限" in response.content.decode()
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    monkeypatch.setattr(uploads, "MAX_PIXELS", 1000)
    response = staff_client.post(url, {"image": image_upload(size=(50, 50))})
    assert "百万像素的限制" in response.content.decode()
    assert not ProjectPhoto.objects.exists()


def test_leaders_cannot_upload_photos(leader_client, campaign, department):
    project = project_for(campaign, department)
    url = reverse("projects:photo-upload", args=[project.pk])
    assert leader_client.post(url, {"image": image_upload()}).status_code == 403


def test_another_departments_photo_is_not_served(other_staff_client, campaign, department):
    photo = f.ProjectPhotoFactory(project=project_for(campaign, department))
    url = reverse("projects:photo-file", args=[photo.project.pk, photo.pk, "full"])
    assert other_staff_client.get(url).status_code == 404


def test_the_item_page_query_count_is_fixed(
    staff_client, campaign, department, leader_user, django_assert_max_num_queries
):
    project = project_for(campaign, department)
    for week in range(1, 7):
        f.ProjectReportFactory(project=project, report_week=week)
        f.ProjectPhotoFactory(project=project)
        f.InstructionFactory(target=project, author=leader_user)
        f.ProblemFactory(campaign=campaign, project=project, enterprise=None)
        f.written_schedule(project, {week: Decimal("50"), 16: Decimal("50")})
        f.ScheduleNodeFactory(project=project, text=f"节点{week}")
    # + the campaign's lag rules; + the 进度计划 card: the version in effect, the nodes, the
    # versions with their weeks and the nodes' records for the history
    with django_assert_max_num_queries(23):
        assert staff_client.get(detail(project)).status_code == 200


def test_the_entry_page_records_the_goal_achieved(staff_client, campaign, department):
    entry = entry_for(campaign, department)
    url = reverse("enterprises:entry-goal", args=[entry.pk])
    assert (
        "目标实现"
        in staff_client.get(reverse("enterprises:entry-detail", args=[entry.pk])).content.decode()
    )
    day = timezone.localdate() - datetime.timedelta(days=3)
    assert staff_client.post(url, {"achieved_on": day, "version": 1}).status_code == 302
    entry.refresh_from_db()
    assert (entry.achieved_on, entry.version) == (day, 2)


def test_a_goal_date_in_the_future_is_refused(staff_client, campaign, department):
    entry = entry_for(campaign, department)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = staff_client.post(
        reverse("enterprises:entry-goal", args=[entry.pk]), {"achieved_on": tomorrow, "version": 1}
    )
    assert response.status_code == 400 and "不能晚于今天" in response.content.decode()


def test_a_stale_goal_form_shows_the_saved_date_and_changes_nothing(
    staff_client, campaign, department
):
    saved = timezone.localdate() - datetime.timedelta(days=5)
    entry = entry_for(campaign, department, achieved_on=saved, version=3)
    response = staff_client.post(
        reverse("enterprises:entry-goal", args=[entry.pk]),
        {"achieved_on": timezone.localdate(), "version": 2},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "您的修改没有保存" in body and f"{saved:%Y-%m-%d}" in body
    entry.refresh_from_db()
    assert entry.achieved_on == saved


def test_several_photos_are_saved_together_or_not_at_all(staff_client, campaign, department):
    project = project_for(campaign, department)
    url = reverse("projects:photo-upload", args=[project.pk])
    two = [image_upload(name="a.jpg"), image_upload(name="b.png", image_format="PNG")]
    response = staff_client.post(url, {"image": two})
    assert response.status_code == 302
    assert ProjectPhoto.objects.count() == 2
    mixed = [image_upload(name="c.jpg"), image_upload(name="d.gif", image_format="GIF")]
    refused = staff_client.post(url, {"image": mixed})
    body = refused.content.decode()
    assert refused.status_code == 400 and "“d.gif”的类型" in body and "都没有保存" in body
    assert ProjectPhoto.objects.count() == 2


def test_a_photo_dated_in_the_future_is_refused(staff_client, campaign, department):
    project = project_for(campaign, department)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = staff_client.post(
        reverse("projects:photo-upload", args=[project.pk]),
        {"image": image_upload(), "taken_on": tomorrow},
    )
    assert response.status_code == 400 and "拍摄日期不能晚于今天" in response.content.decode()
    assert not ProjectPhoto.objects.exists()


def test_a_photo_joins_the_report_of_the_week_it_was_taken_in(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    report = f.ProjectReportFactory(project=project, report_week=current_week)
    staff_client.post(
        reverse("projects:photo-upload", args=[project.pk]), {"image": image_upload()}
    )
    assert ProjectPhoto.objects.get().report == report
    assert f"第{current_week}周" in staff_client.get(detail(project)).content.decode()
