"""The problem form shows enterprise-only fields only where an enterprise stands behind the
problem, and the enterprise's satisfaction is recorded with who gave it and how: 电话回访 or
现场 by the clerk, 企业自报 by the enterprise's own account (issue 14, item 14)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enterprises.choices import ProblemStatus
from projects.choices import Annex
from tests import factories as f
from tests.baidays.weekly.support import project_for, running_campaign

pytestmark = pytest.mark.django_db
ENTERPRISE_ONLY = ["confirmed_on", "feedback", "satisfaction", "satisfaction_source"]


@pytest.fixture
def campaign(db):
    return running_campaign()


def edit_url(problem):
    return reverse("enterprises:problem-edit", args=[problem.pk])


def progress(problem, **changes):
    return {
        "version": problem.version,
        "status": problem.status,
        "responsible_department": problem.responsible_department_id,
        "due_date": "",
        "resolution": "",
        "resolved_on": "",
        **changes,
    }


def test_an_infrastructure_problem_has_no_enterprise_fields(staff_client, campaign, department):
    project = project_for(campaign, department, annex=Annex.INFRASTRUCTURE)
    problem = f.ProblemFactory(
        campaign=campaign,
        enterprise=None,
        project=project,
        responsible_department=department,
        raised_on=campaign.start_date,
        due_date=None,
    )
    form = staff_client.get(edit_url(problem)).context["form"]
    assert not set(ENTERPRISE_ONLY) & set(form.fields)
    assert ProblemStatus.CONFIRMED not in dict(form.fields["status"].choices)
    crafted = staff_client.post(
        edit_url(problem),
        progress(problem, status="confirmed", resolution="已处理", satisfaction="satisfied"),
    )
    assert crafted.status_code == 400  # 企业已确认 is no choice here
    problem.refresh_from_db()
    assert (problem.status, problem.satisfaction) == ("open", "")
    resolved = staff_client.post(
        edit_url(problem), progress(problem, status="resolved", resolution="已处理")
    )
    assert resolved.status_code == 302
    problem.satisfaction, problem.satisfaction_source = "satisfied", "phone"
    with pytest.raises(ValidationError, match="基础设施项目的问题没有企业确认"):
        problem.full_clean()


def test_a_clerk_records_how_the_enterprise_rated_and_cannot_claim_self_report(
    staff_client, staff_user, campaign, department
):
    problem = f.ProblemFactory(
        campaign=campaign, responsible_department=department, raised_on=campaign.start_date
    )
    form = staff_client.get(edit_url(problem)).context["form"]
    assert set(ENTERPRISE_ONLY) <= set(form.fields)
    assert dict(form.fields["satisfaction_source"].choices) == {
        "": "—",
        "phone": "电话回访",
        "on_site": "现场",
    }
    confirm = progress(problem, status="confirmed", resolution="已增容", satisfaction="satisfied")
    no_source = staff_client.post(edit_url(problem), confirm)
    assert "请选择满意度是电话回访还是现场了解的" in no_source.content.decode()
    claimed = staff_client.post(edit_url(problem), {**confirm, "satisfaction_source": "self"})
    assert claimed.status_code == 400
    saved = staff_client.post(edit_url(problem), {**confirm, "satisfaction_source": "phone"})
    assert saved.status_code == 302
    problem.refresh_from_db()
    assert (problem.satisfaction, problem.satisfaction_source, problem.satisfaction_by) == (
        "satisfied",
        "phone",
        staff_user,
    )
    page = staff_client.get(edit_url(problem)).content.decode()
    assert "满意（电话回访" in page


def test_the_enterprise_account_rates_its_own_answered_problem_as_self_reported(
    enterprise_client, enterprise_user, own_enterprise, campaign, department
):
    problem = f.ProblemFactory(
        campaign=campaign,
        enterprise=own_enterprise,
        responsible_department=department,
        raised_on=campaign.start_date,
        due_date=None,
    )
    assert enterprise_client.get(edit_url(problem)).context["form"] is None  # not answered yet
    assert enterprise_client.post(edit_url(problem), {"version": 1}).status_code == 403
    problem.status, problem.resolution = ProblemStatus.RESOLVED, "已协调供电公司"
    problem.resolved_on = timezone.localdate()
    problem.save()
    answer = {"version": problem.version, "satisfaction": "basic", "feedback": "还需跟进"}
    response = enterprise_client.post(edit_url(problem), answer)
    assert response.status_code == 302
    problem.refresh_from_db()
    assert (
        problem.status,
        problem.satisfaction,
        problem.satisfaction_source,
        problem.satisfaction_by,
        problem.feedback,
    ) == ("confirmed", "basic", "self", enterprise_user, "还需跟进")
    assert "基本满意（企业自报" in enterprise_client.get(edit_url(problem)).content.decode()


def test_another_enterprises_account_cannot_rate(enterprise_client, campaign, department):
    problem = f.ProblemFactory(
        campaign=campaign,
        responsible_department=department,
        raised_on=campaign.start_date,
        status=ProblemStatus.RESOLVED,
        resolved_on=timezone.localdate(),
    )
    response = enterprise_client.post(
        edit_url(problem), {"version": 1, "satisfaction": "satisfied"}
    )
    assert response.status_code == 404
    problem.refresh_from_db()
    assert problem.satisfaction == ""
