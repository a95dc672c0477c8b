"""Dates from another century are refused: one window around the campaign, a campaign setting
(issue 14, item 7)."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from projects.models import Project, ProjectPhoto
from tests import factories as f
from tests.annex_workbooks import annex1_file, annex1_row
from tests.baidays.weekly.support import image_upload, project_for, running_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return f.CampaignFactory(slug="2026")  # 2026-04-?? to 2026-08-20, a year either side


def test_the_window_is_a_campaign_setting(campaign):
    first, last = campaign.date_window()
    assert first == campaign.start_date - datetime.timedelta(days=365)
    assert last == campaign.end_date + datetime.timedelta(days=365)
    campaign.window_days_after = 0
    with pytest.raises(ValidationError, match=r"举办日期 2026-08-21 不在本次百日行动的日期范围内"):
        campaign.check_date_in_window(datetime.date(2026, 8, 21), "举办日期")


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(2099, 1, 1)])
def test_a_problem_from_another_century_is_refused_naming_the_field(campaign, day):
    problem = f.ProblemFactory.build(
        campaign=campaign,
        enterprise=f.EnterpriseFactory(),
        responsible_department=f.DepartmentFactory(),
        raised_on=day,
        due_date=None,
    )
    with pytest.raises(ValidationError) as caught:
        problem.full_clean()
    assert "提出日期" in str(caught.value.message_dict["raised_on"])


def test_visits_promotions_and_land_transfers_keep_to_the_window(campaign):
    key = f.KeyEnterpriseFactory(campaign=campaign)
    records = [
        (
            f.ServiceVisitFactory.build(key_enterprise=key, visited_on=datetime.date(2099, 1, 1)),
            "visited_on",
        ),
        (
            f.PromotionEventFactory.build(campaign=campaign, held_on=datetime.date(2099, 1, 1)),
            "held_on",
        ),
        (
            f.LandTransferFactory.build(campaign=campaign, transferred_on=datetime.date(1, 1, 1)),
            "transferred_on",
        ),
    ]
    for record, field in records:
        with pytest.raises(ValidationError) as caught:
            record.full_clean()
        assert field in caught.value.message_dict


def test_a_date_inside_the_window_is_accepted(campaign):
    campaign.check_date_in_window(campaign.start_date - datetime.timedelta(days=30), "提出日期")
    campaign.check_date_in_window(None, "办结期限")


@pytest.mark.parametrize(
    "make",
    [
        lambda c: f.PhaseTaskFactory.build(phase=f.PhaseFactory(campaign=c)),
        lambda c: f.DecisionFactory.build(meeting=f.TopicMeetingFactory(campaign=c)),
        lambda c: f.PowerItemFactory.build(campaign=c),
        lambda c: f.MilestoneFactory.build(plan=f.PlanFactory(campaign=c)),
    ],
    ids=["phase task", "decision", "power item", "milestone"],
)
def test_every_completable_item_keeps_its_completion_date_in_its_campaigns_window(campaign, make):
    item = make(campaign)
    item.responsible_department = item.lead_department = f.DepartmentFactory()
    item.status, item.completed_on = "done", datetime.date(1900, 1, 1)
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "完成日期 1900-01-01 不在本次百日行动的日期范围内" in str(
        caught.value.message_dict["completed_on"]
    )
    item.completed_on = campaign.start_date
    item.full_clean(exclude=["evidence"])


def test_a_task_completed_in_1900_is_refused_on_the_form(staff_client, department):
    task = f.PhaseTaskFactory(
        phase=f.PhaseFactory(campaign=running_campaign()), responsible_department=department
    )
    response = staff_client.post(
        reverse("weekly:done", args=["task", task.pk]),
        {
            "version": 1,
            "status": "done",
            "completed_on": "1900-01-01",
            "result": "旧",
            "evidence": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4", content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "完成日期 1900-01-01 不在本次百日行动的日期范围内" in response.content.decode()
    task.refresh_from_db()
    assert (task.completed_on, task.result, task.version, task.evidence.name) == (None, "", 1, "")


def test_a_photo_taken_in_year_one_is_refused(staff_client, department, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    project = project_for(running_campaign(), department)
    response = staff_client.post(
        f"/projects/{project.pk}/photos/", {"image": image_upload(), "taken_on": "0001-01-01"}
    )
    assert response.status_code == 400
    assert "拍摄日期 0001-01-01 不在本次百日行动的日期范围内" in response.content.decode()
    assert not ProjectPhoto.objects.exists()
    assert not list((tmp_path / "media").rglob("*.jpg"))  # refused before any file is written
    photo = f.ProjectPhotoFactory.build(project=project, taken_on=datetime.date(1, 1, 1))
    with pytest.raises(ValidationError) as caught:
        photo.full_clean()  # the admin's path
    assert "taken_on" in caught.value.message_dict


def test_an_annex_date_outside_the_window_is_refused_by_row_and_column(campaign, tmp_path):
    rows = [
        annex1_row(1, "甲"),
        annex1_row(2, "乙", 计划开工时间=datetime.date(9999, 12, 31)),
        annex1_row(3, "丙", 计划完成时间="1900年1月"),
    ]
    errors = StringIO()
    with pytest.raises(CommandError, match="2 处错误"):
        call_command(
            "import_annex",
            *("1", str(annex1_file(tmp_path / "a.xlsx", rows)), "--campaign", "2026"),
            stderr=errors,
        )
    text = errors.getvalue()
    assert "第 6 行“计划开工时间”列：计划开工时间 9999-12-31 不在本次百日行动的日期范围内" in text
    assert "第 7 行“计划完成时间”列：计划完成时间 1900-01-01 不在" in text
    first, last = campaign.date_window(planned=True)  # plan dates reach five years either side
    assert (first.year, last.year) == (campaign.start_date.year - 5, campaign.end_date.year + 5)
    assert f"（{first.isoformat()} 至 {last.isoformat()}）" in text
    assert not Project.objects.exists()
