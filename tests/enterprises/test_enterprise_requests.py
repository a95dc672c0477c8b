"""An enterprise's 诉求 and what it may change (issue 19, 22 #7): it files what and why; the
day raised is the day filed and its liaison unit receives it, whatever the POST says; the
unit (or the 管委会 office) assigns the answering unit and a deadline; the enterprise reads
unit, deadline, progress and answer, and rates it once resolved. It sees no 归档 button and
cannot save its own 争先杯 目标实现日期."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.choices import ProblemStatus
from enterprises.models import Problem
from tests import factories as f
from tests.baidays.weekly.support import entry_for, running_campaign

pytestmark = pytest.mark.django_db
NEW = reverse("enterprises:problem-new")


@pytest.fixture
def campaign(db):
    return running_campaign()


@pytest.fixture
def entry(campaign, department, own_enterprise):
    return entry_for(campaign, department, enterprise=own_enterprise)


def _file(client, own_enterprise, **extra):
    return client.post(
        NEW,
        {
            "enterprise": own_enterprise.pk,
            "title": "项目用电报装",
            "description": "变压器迟迟未装",
            "category": "power",
            **extra,
        },
    )


def test_the_request_form_asks_only_what_and_why(enterprise_client, own_enterprise, entry):
    html = enterprise_client.get(f"{NEW}?enterprise={own_enterprise.pk}").content.decode()
    assert 'name="title"' in html and 'name="category"' in html
    for assigned in ("responsible_department", "due_date", "raised_on"):
        assert f'name="{assigned}"' not in html
    assert "管委会确定办理单位和办结期限" in html


def test_dates_and_unit_in_the_post_are_never_read(
    enterprise_client, own_enterprise, entry, other_department
):
    today = timezone.localdate()
    response = _file(
        enterprise_client,
        own_enterprise,
        raised_on=(today - datetime.timedelta(days=60)).isoformat(),
        due_date=(today - datetime.timedelta(days=1)).isoformat(),
        responsible_department=other_department.pk,
    )
    problem = Problem.objects.get(title="项目用电报装")
    assert response.status_code == 302
    assert response.url == reverse("enterprises:problem-edit", args=[problem.pk])
    assert problem.raised_on == today
    assert problem.due_date is None
    assert problem.responsible_department == entry.responsible_department
    assert not Problem.objects.overdue_as_of(today + datetime.timedelta(days=30)).exists()


def test_the_unit_assigns_and_answers_and_the_enterprise_sees_and_rates_it(
    enterprise_client, staff_client, own_enterprise, entry, department, other_department
):
    _file(enterprise_client, own_enterprise)
    problem = Problem.objects.get()
    page = enterprise_client.get(reverse("enterprises:problem-edit", args=[problem.pk]))
    html = page.content.decode()
    assert "待管委会确定" in html
    assert 'data-testid="archive-form"' not in html
    assert 'data-testid="problem-form"' not in html  # nothing to rate before the answer
    due = timezone.localdate() + datetime.timedelta(days=10)
    url = reverse("enterprises:problem-edit", args=[problem.pk])
    staff_html = staff_client.get(url).content.decode()
    assert 'data-testid="archive-form"' in staff_html
    assigned = staff_client.post(
        url,
        {
            "version": problem.version,
            "status": ProblemStatus.IN_PROGRESS,
            "responsible_department": department.pk,
            "due_date": due.isoformat(),
        },
    )
    assert assigned.status_code == 302
    html = enterprise_client.get(url).content.decode()
    assert f'data-testid="assigned-unit">{department.name}<' in html
    assert f"{due.year}年{due.month}月{due.day}日" in html
    assert 'data-testid="status">办理中<' in html
    problem.refresh_from_db()
    staff_client.post(
        url,
        {
            "version": problem.version,
            "status": ProblemStatus.RESOLVED,
            "responsible_department": department.pk,
            "due_date": due.isoformat(),
            "resolution": "供电公司已安装变压器",
        },
    )
    html = enterprise_client.get(url).content.decode()
    assert "供电公司已安装变压器" in html
    assert 'data-testid="problem-form"' in html
    problem.refresh_from_db()
    rated = enterprise_client.post(
        url, {"version": problem.version, "satisfaction": "satisfied", "feedback": "很及时"}
    )
    assert rated.status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CONFIRMED
    assert problem.satisfaction == "satisfied"


def test_an_enterprise_cannot_save_its_goal_date(enterprise_client, staff_client, entry):
    url = reverse("enterprises:entry-goal", args=[entry.pk])
    today = timezone.localdate().isoformat()
    refused = enterprise_client.post(url, {"version": entry.version, "achieved_on": today})
    assert refused.status_code == 403
    entry.refresh_from_db()
    assert entry.achieved_on is None
    page = enterprise_client.get(reverse("enterprises:entry-detail", args=[entry.pk]))
    assert 'id="goal"' not in page.content.decode()
    confirmed = staff_client.post(url, {"version": entry.version, "achieved_on": today})
    assert confirmed.status_code == 302
    entry.refresh_from_db()
    assert entry.achieved_on == timezone.localdate()


def test_the_staff_raise_path_refuses_enterprise_accounts(enterprise_user, campaign, department):
    from django.core.exceptions import PermissionDenied

    from enterprises.services import raise_problem

    with pytest.raises(PermissionDenied):
        raise_problem(
            user=enterprise_user,
            campaign=campaign,
            enterprise=f.EnterpriseFactory(),
            title="x",
            category="power",
            responsible_department=department,
            today=campaign.start_date,
        )
