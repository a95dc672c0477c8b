"""Forms for 问题 (raised on a project, assigned, resolved and confirmed by the enterprise)
and 走访 (a service visit that raises a problem)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.choices import ProblemStatus
from enterprises.models import Problem, ServiceVisit
from tests import factories as f
from tests.baidays.weekly.support import project_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_a_problem_is_raised_on_a_project_and_assigned(
    staff_client, campaign, department, other_department
):
    project = project_for(campaign, department)
    url = reverse("enterprises:problem-new") + f"?project={project.pk}"
    assert "提出困难和问题" in staff_client.get(url).content.decode()
    response = staff_client.post(
        reverse("enterprises:problem-new"),
        {
            "project": project.pk,
            "title": "施工用电未接入",
            "category": "power",
            "raised_on": TODAY(),
            "responsible_department": other_department.pk,
            "due_date": TODAY() + datetime.timedelta(days=10),
        },
    )
    assert response.status_code == 302
    problem = Problem.objects.get()
    assert (problem.project, problem.campaign, problem.responsible_department) == (
        project,
        campaign,
        other_department,
    )


def test_a_problem_without_title_or_with_due_before_raised_is_refused(
    staff_client, campaign, department
):
    project = project_for(campaign, department)
    response = staff_client.post(
        reverse("enterprises:problem-new"),
        {
            "project": project.pk,
            "category": "land",
            "raised_on": TODAY(),
            "responsible_department": department.pk,
            "due_date": TODAY() - datetime.timedelta(days=1),
        },
    )
    body = response.content.decode()
    assert response.status_code == 400 and "办结期限不能早于提出日期" in body
    assert not Problem.objects.exists()


def problem_edit(problem, **changes):
    return {
        "version": problem.version,
        "status": problem.status,
        "responsible_department": problem.responsible_department_id,
        "due_date": problem.due_date or "",
        "resolution": "",
        "resolved_on": "",
        "confirmed_on": "",
        "feedback": "",
        "satisfaction": "",
        "satisfaction_source": "",
        **changes,
    }


def test_a_problem_is_resolved_and_confirmed_by_the_enterprise(staff_client, campaign, department):
    problem = f.ProblemFactory(
        campaign=campaign, responsible_department=department, raised_on=campaign.start_date
    )
    url = reverse("enterprises:problem-edit", args=[problem.pk])
    resolved = staff_client.post(
        url, problem_edit(problem, status=ProblemStatus.RESOLVED, resolution="已增容")
    )
    assert resolved.status_code == 302, resolved.content.decode()
    problem.refresh_from_db()
    assert (problem.status, problem.resolved_on) == ("resolved", TODAY())
    confirmed = staff_client.post(
        url,
        problem_edit(
            problem,
            status=ProblemStatus.CONFIRMED,
            resolution="已增容",
            resolved_on=TODAY(),
            feedback="很及时",
            satisfaction="satisfied",
            satisfaction_source="phone",  # the clerk says how the enterprise rated it
        ),
    )
    assert confirmed.status_code == 302
    problem.refresh_from_db()
    assert (problem.satisfaction, problem.confirmed_on, problem.version) == (
        "satisfied",
        TODAY(),
        3,
    )


def test_resolving_needs_a_resolution_and_confirming_a_satisfaction(
    staff_client, campaign, department
):
    problem = f.ProblemFactory(campaign=campaign, responsible_department=department)
    url = reverse("enterprises:problem-edit", args=[problem.pk])
    body = staff_client.post(url, problem_edit(problem, status="confirmed")).content.decode()
    assert "请填写解决情况" in body and "请选择企业满意度" in body
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.OPEN


def test_a_stale_problem_form_is_refused(staff_client, campaign, department):
    problem = f.ProblemFactory(campaign=campaign, responsible_department=department, version=4)
    url = reverse("enterprises:problem-edit", args=[problem.pk])
    data = problem_edit(problem, status="in_progress")
    data["version"] = 3
    response = staff_client.post(url, data)
    assert "您的修改没有保存" in response.content.decode()
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.OPEN


def test_a_service_visit_raises_a_problem(staff_client, campaign, department):
    key = f.KeyEnterpriseFactory(campaign=campaign, responsible_department=department)
    url = reverse("enterprises:key-detail", args=[key.pk])
    response = staff_client.post(
        url,
        {
            "visited_on": TODAY(),
            "visitors": "林晓",
            "findings": "用工缺口 50 人",
            "raise_problem": "on",
            "problem_title": "招工难",
            "problem_category": "labour",
            "problem_department": department.pk,
        },
    )
    assert response.status_code == 302
    visit = ServiceVisit.objects.get()
    problem = Problem.objects.get()
    assert (problem.visit, problem.enterprise, problem.title) == (visit, key.enterprise, "招工难")


def test_a_visit_raising_a_problem_without_its_fields_saves_nothing(
    staff_client, campaign, department
):
    key = f.KeyEnterpriseFactory(campaign=campaign, responsible_department=department)
    response = staff_client.post(
        reverse("enterprises:key-detail", args=[key.pk]),
        {"visited_on": TODAY(), "visitors": "林晓", "findings": "x", "raise_problem": "on"},
    )
    assert response.status_code == 400 and "登记问题时必须填写" in response.content.decode()
    assert not ServiceVisit.objects.exists()
