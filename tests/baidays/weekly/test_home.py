"""The staff landing page 本周填报 and who lands where."""

import pytest
from django.urls import reverse

from core.choices import CompletionStatus
from enterprises.choices import ProblemStatus
from tests import factories as f
from tests.baidays.weekly.support import entry_for, project_for

pytestmark = pytest.mark.django_db
URL = reverse("weekly:home")


def test_staff_land_on_their_weekly_list(staff_client, campaign):
    response = staff_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == URL


def test_leaders_and_admins_keep_the_overview(leader_client, admin_client, campaign):
    assert leader_client.get("/").status_code == 200
    assert admin_client.get("/").status_code == 200


def test_anonymous_visitors_are_sent_to_login(client, campaign):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_leaders_have_no_data_entry_page(leader_client, campaign):
    assert leader_client.get(URL).status_code == 403


def test_the_list_marks_reported_and_unreported_items_and_counts_what_is_left(
    staff_client, campaign, department, other_department, current_week
):
    reported = project_for(campaign, department, name="已报道路")
    project_for(campaign, department, name="未报道路")
    entry_for(campaign, department, project_name="未报扩产")
    project_for(campaign, other_department, name="外单位道路")
    f.ProjectReportFactory(project=reported, report_week=current_week)
    meeting = f.TopicMeetingFactory(campaign=campaign)
    f.DecisionFactory(meeting=meeting, responsible_department=department, content="上报土地手续")
    f.DecisionFactory(
        meeting=meeting,
        responsible_department=department,
        content="已办结事项",
        status=CompletionStatus.DONE,
        completed_on=campaign.start_date,
    )
    f.ProblemFactory(campaign=campaign, responsible_department=department, title="用电容量不足")
    f.ProblemFactory(
        campaign=campaign,
        responsible_department=department,
        title="已解决的问题",
        status=ProblemStatus.RESOLVED,
        resolved_on=campaign.start_date,
        raised_on=campaign.start_date,
    )
    response = staff_client.get(URL)
    body = response.content.decode()
    assert "已报道路" in body and "未报道路" in body and "未报扩产" in body
    assert "外单位道路" not in body
    assert "上报土地手续" in body and "用电容量不足" in body and "已解决的问题" not in body
    work = response.context["work"]
    assert len(work.unreported) == 2
    assert work.left_count == 2 + 1 + 1  # two reports, one open decision, one open problem
    assert 'data-testid="left-count">4<' in body


def test_the_landing_page_query_count_does_not_grow_with_items(
    staff_client, campaign, department, current_week, django_assert_max_num_queries
):
    for n in range(1, 16):
        project = project_for(campaign, department, seq=n)
        f.ProjectReportFactory(project=project, report_week=current_week)
        entry_for(campaign, department, seq=n)
        f.PowerItemFactory(campaign=campaign, responsible_department=department, seq=n)
        f.ProblemFactory(campaign=campaign, responsible_department=department)
        f.FollowUpFactory(
            campaign=campaign, responsible_department=department, found_on=campaign.start_date
        )
    # session read and refresh (3), user, person, department, campaign, 2 per tracked kind,
    # content types (cached after the first request) and unread 批示, 1 per other kind:
    # and the lag of the rows (1 per tracked kind) and the unit's open 督办单 (1), the counted
    # 累计 (1 per tracked kind) and the count of open 督办单 in 待办 (1); six other kinds
    # since the 回头看 follow-ups joined them: 26 whatever the number of items
    with django_assert_max_num_queries(26):
        response = staff_client.get(URL)
    assert len(response.context["work"].rows) == 30


def test_items_with_unread_instructions_are_flagged(
    staff_client, leader_user, campaign, department
):
    project = project_for(campaign, department)
    f.InstructionFactory(target=project, author=leader_user)
    f.InstructionFactory(target=project, author=leader_user)
    assert "2 条新批示" in staff_client.get(URL).content.decode()
    staff_client.get(reverse("projects:detail", args=[project.pk]))
    assert "条新批示" not in staff_client.get(URL).content.decode()
