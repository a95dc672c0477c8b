"""土地 and 报批验收 topic forms: land filed toward the targets, approval cases solved."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from topics.models import LandFiling

pytestmark = pytest.mark.django_db


@pytest.fixture
def land_target(campaign, department):
    return f.TopicTargetFactory(
        campaign=campaign,
        responsible_department=department,
        period_start=campaign.start_date,
        period_end=campaign.start_date + datetime.timedelta(days=30),
        quantity=Decimal("150"),
    )


def test_land_filed_counts_toward_the_target_and_the_summary(
    staff_client, leader_client, land_target
):
    response = staff_client.post(
        reverse("topics:land"),
        {
            "target": land_target.pk,
            "filed_on": land_target.period_start + datetime.timedelta(days=3),
            "description": "现代工业集聚区三期用地",
            "area_mu": "86",
        },
    )
    assert response.status_code == 302
    assert "86.00" in staff_client.get(reverse("topics:land")).content.decode()
    land = leader_client.get("/api/summary/").json()["topics"]["land"]["targets"][0]
    assert land["achieved"] == "86.00"


def test_land_filed_outside_the_target_period_or_without_area_is_refused(staff_client, land_target):
    late = land_target.period_end + datetime.timedelta(days=1)
    base = {"target": land_target.pk, "description": "地块"}
    outside = staff_client.post(reverse("topics:land"), {**base, "filed_on": late, "area_mu": "5"})
    assert outside.status_code == 400 and "上报日期不在其中" in outside.content.decode()
    zero = staff_client.post(
        reverse("topics:land"), {**base, "filed_on": land_target.period_start, "area_mu": "0"}
    )
    assert zero.status_code == 400 and "面积必须大于 0" in zero.content.decode()
    assert not LandFiling.objects.exists()


def test_staff_cannot_file_toward_another_departments_target(other_staff_client, land_target):
    response = other_staff_client.post(
        reverse("topics:land"),
        {
            "target": land_target.pk,
            "filed_on": land_target.period_start,
            "description": "地块",
            "area_mu": "5",
        },
    )
    assert response.status_code == 404  # another unit's target, as for any item not theirs
    assert not LandFiling.objects.exists()


def test_an_approval_case_is_marked_solved(staff_client, leader_client, campaign, department):
    case = f.ApprovalCaseFactory(target__campaign=campaign, responsible_department=department)
    today = timezone.localdate()
    response = staff_client.post(reverse("topics:approvals"), {"case": case.pk, "solved_on": today})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.solved_on == today
    assert leader_client.get("/api/summary/").json()["topics"]["approval"]["solved"] == 1
    future = today + datetime.timedelta(days=2)
    refused = staff_client.post(reverse("topics:approvals"), {"case": case.pk, "solved_on": future})
    assert refused.status_code == 400 and "不能晚于今天" in refused.content.decode()


def test_another_departments_approval_case_is_a_404(other_staff_client, campaign, department):
    case = f.ApprovalCaseFactory(target__campaign=campaign, responsible_department=department)
    response = other_staff_client.post(
        reverse("topics:approvals"), {"case": case.pk, "solved_on": timezone.localdate()}
    )
    assert response.status_code == 404
