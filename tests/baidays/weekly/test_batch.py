"""The week's batch form: one submit saves every row or none."""

from decimal import Decimal

import pytest
from django.urls import reverse

from baidays.dashboards.summary import campaign_summary
from projects.models import ProjectReport
from tests import factories as f
from tests.baidays.weekly.support import batch_post, entry_for, project_for

pytestmark = pytest.mark.django_db
URL = reverse("weekly:batch")


def good(amount="12.50", percent="20.00", **extra):
    return {
        "week_investment_wan": amount,
        "percent_complete": percent,
        "progress_text": "路基施工",
        **extra,
    }


def test_staff_saves_a_week_for_projects_and_entries_in_one_submit(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    entry = entry_for(campaign, department)
    response = staff_client.post(
        URL,
        batch_post([(f"project-{project.pk}", 0, good()), (f"entry-{entry.pk}", 0, good("30"))]),
    )
    assert response.status_code == 302
    report = project.reports.get()
    assert (report.report_week, report.week_investment_wan) == (current_week, Decimal("12.50"))
    assert entry.reports.get().week_investment_wan == Decimal("30.00")
    assert report.reporter.username == "staff"


def test_the_form_lists_only_the_department_items_and_prefills_reported_ones(
    staff_client, campaign, department, other_department, current_week
):
    mine = project_for(campaign, department, name="本单位道路")
    project_for(campaign, other_department, name="外单位道路")
    f.ProjectReportFactory(project=mine, report_week=current_week, progress_text="已浇筑路面")
    body = staff_client.get(URL).content.decode()
    assert "本单位道路" in body and "外单位道路" not in body
    assert "已浇筑路面" in body and "已填报，可更正" in body


def test_one_bad_row_saves_no_row_and_names_the_row(staff_client, campaign, department):
    first = project_for(campaign, department, seq=1)
    second = project_for(campaign, department, seq=2, name="二号路")
    response = staff_client.post(
        URL,
        batch_post([(f"project-{first.pk}", 0, good()), (f"project-{second.pk}", 0, good("-5"))]),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert ProjectReport.objects.count() == 0
    assert "第 2 行：二号路" in body
    assert "本周完成投资不能为负数" in body


@pytest.mark.parametrize("percent", ["101", "-1"])
def test_percent_outside_0_100_is_refused(staff_client, campaign, department, percent):
    project = project_for(campaign, department)
    response = staff_client.post(
        URL, batch_post([(f"project-{project.pk}", 0, good(percent=percent))])
    )
    assert "完成百分比应在 0–100 之间" in response.content.decode()
    assert not ProjectReport.objects.exists()


def test_a_filled_row_needs_investment_and_percent(staff_client, campaign, department):
    project = project_for(campaign, department)
    response = staff_client.post(
        URL, batch_post([(f"project-{project.pk}", 0, {"progress_text": "开工"})])
    )
    body = response.content.decode()
    assert "请填写完成百分比" in body and "请填写本周完成投资" in body
    assert not ProjectReport.objects.exists()


def test_untouched_rows_are_left_unreported(staff_client, campaign, department):
    reported = project_for(campaign, department, seq=1)
    untouched = project_for(campaign, department, seq=2)
    staff_client.post(
        URL, batch_post([(f"project-{reported.pk}", 0, good()), (f"project-{untouched.pk}", 0, {})])
    )
    assert reported.reports.count() == 1
    assert untouched.reports.count() == 0


def test_percent_lower_than_last_week_needs_a_note(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    f.ProjectReportFactory(project=project, report_week=current_week - 1, percent_complete=40)
    key = f"project-{project.pk}"
    refused = staff_client.post(URL, batch_post([(key, 0, good(percent="35"))]))
    assert (
        "低于第" in refused.content.decode() and "请在“说明”中写明原因" in refused.content.decode()
    )
    assert project.reports.count() == 1
    accepted = staff_client.post(
        URL, batch_post([(key, 0, good(percent="35", note="重新核定工程量"))])
    )
    assert accepted.status_code == 302
    assert project.reports.get(report_week=current_week).note == "重新核定工程量"


@pytest.mark.parametrize("week", ["99", "0"])
def test_a_week_outside_the_campaign_is_refused(staff_client, campaign, department, week):
    project = project_for(campaign, department)
    response = staff_client.post(
        f"{URL}?week={week}", batch_post([(f"project-{project.pk}", 0, good())]), follow=True
    )
    assert "不在本次百日行动内" in response.content.decode()
    assert not ProjectReport.objects.exists()


def test_a_week_not_yet_begun_is_refused(staff_client, campaign, department, current_week):
    project = project_for(campaign, department)
    response = staff_client.post(
        f"{URL}?week={current_week + 1}",
        batch_post([(f"project-{project.pk}", 0, good())]),
        follow=True,
    )
    assert "尚未开始" in response.content.decode()
    assert not ProjectReport.objects.exists()


def test_a_second_report_for_the_week_edits_the_first(staff_client, campaign, department):
    project = project_for(campaign, department)
    key = f"project-{project.pk}"
    staff_client.post(URL, batch_post([(key, 0, good("10"))]))
    staff_client.post(URL, batch_post([(key, 1, good("15", percent="25"))]))
    report = project.reports.get()
    assert (report.week_investment_wan, report.version) == (Decimal("15.00"), 2)
    assert report.history.count() == 2


def test_a_stale_version_is_refused_with_the_other_persons_values(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    f.ProjectReportFactory(
        project=project,
        report_week=current_week,
        week_investment_wan=Decimal("8.00"),
        progress_text="同事填的进度",
        version=2,
    )
    key = f"project-{project.pk}"
    response = staff_client.post(URL, batch_post([(key, 1, good("99"))]))
    body = response.content.decode()
    assert response.status_code == 409
    assert "同事填的进度" in body and "8.00 万元" in body and "您的修改没有保存" in body
    assert project.reports.get().week_investment_wan == Decimal("8.00")
    # the re-rendered form carries the current version: submitting again is deliberate
    assert 'name="form-0-version" value="2"' in body
    staff_client.post(URL, batch_post([(key, 2, good("99"))]))
    assert project.reports.get().week_investment_wan == Decimal("99.00")


def test_a_new_row_for_a_week_someone_just_reported_is_a_conflict(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    f.ProjectReportFactory(project=project, report_week=current_week, progress_text="先到的周报")
    response = staff_client.post(URL, batch_post([(f"project-{project.pk}", 0, good())]))
    assert response.status_code == 409
    assert "先到的周报" in response.content.decode()
    assert project.reports.get().progress_text == "先到的周报"


def test_investment_over_150_percent_of_plan_asks_for_confirmation(
    staff_client, campaign, department
):
    project = project_for(campaign, department, planned_investment_wan=Decimal("100.00"))
    key = f"project-{project.pk}"
    asked = staff_client.post(URL, batch_post([(key, 0, good("151"))]))
    body = asked.content.decode()
    assert asked.status_code == 400
    assert "超过百日计划 100.00 万元的 150%" in body and 'name="confirm_over_plan"' in body
    assert not project.reports.exists()
    confirmed = staff_client.post(URL, batch_post([(key, 0, good("151"))], confirm=True))
    assert confirmed.status_code == 302
    assert project.reports.get().week_investment_wan == Decimal("151.00")


def test_a_past_week_is_corrected_and_the_earlier_version_is_kept(
    staff_client, campaign, department, current_week
):
    project = project_for(campaign, department)
    past = current_week - 2
    report = f.ProjectReportFactory(project=project, report_week=past, week_investment_wan=5)
    body = staff_client.get(f"{URL}?week={past}").content.decode()
    assert "正在更正以往周次" in body
    response = staff_client.post(
        f"{URL}?week={past}", batch_post([(f"project-{project.pk}", 1, good("7"))])
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.week_investment_wan == Decimal("7.00")
    assert [h.week_investment_wan for h in report.history.order_by("history_date")] == [
        Decimal("5.00"),
        Decimal("7.00"),
    ]


def test_another_departments_item_in_the_post_is_refused(
    staff_client, campaign, department, other_department
):
    project_for(campaign, department)  # the page offers one row: the post swaps it for theirs
    theirs = project_for(campaign, other_department)
    response = staff_client.post(URL, batch_post([(f"project-{theirs.pk}", 0, good())]))
    assert response.status_code == 404  # another department's item: as if it did not exist
    assert not ProjectReport.objects.exists()


def test_leaders_cannot_use_the_batch_form(leader_client, campaign, department):
    project = project_for(campaign, department)
    assert leader_client.get(URL).status_code == 403
    response = leader_client.post(URL, batch_post([(f"project-{project.pk}", 0, good())]))
    assert response.status_code == 403
    assert not ProjectReport.objects.exists()


def test_the_summary_figure_moves_with_the_saved_week(
    staff_client, leader_client, campaign, department
):
    project = project_for(campaign, department)
    before = leader_client.get("/api/summary/").json()["infrastructure"]["completed_wan"]
    staff_client.post(URL, batch_post([(f"project-{project.pk}", 0, good("40.25"))]))
    after = leader_client.get("/api/summary/").json()["infrastructure"]["completed_wan"]
    assert (before, after) == ("0.00", "40.25")


def test_a_30_row_batch_saves_in_few_queries(
    staff_client, campaign, department, current_week, django_assert_max_num_queries
):
    projects = [project_for(campaign, department, seq=n) for n in range(1, 21)]
    entries = [entry_for(campaign, department, seq=n) for n in range(1, 11)]
    for project in projects[:10]:  # a third are corrections, the rest new
        f.ProjectReportFactory(project=project, report_week=current_week)
    rows = [(f"project-{p.pk}", 1 if i < 10 else 0, good("3")) for i, p in enumerate(projects)]
    rows += [(f"entry-{e.pk}", 0, good("4")) for e in entries]
    # session, user, person, department, campaign; per kind 1 count (the row cap), 2 reads and
    # at most 2 writes
    with django_assert_max_num_queries(24):
        response = staff_client.post(URL, batch_post(rows))
    assert response.status_code == 302, response.content.decode()[:500]
    assert ProjectReport.objects.filter(report_week=current_week).count() == 20
    summary = campaign_summary(campaign, campaign.week_end(current_week))
    assert summary["reports"]["submitted"] == 30


def test_typing_errors_and_checks_against_last_week_are_shown_together(
    staff_client, campaign, department, current_week
):
    typo = project_for(campaign, department, seq=1, name="一号路")
    dropped = project_for(campaign, department, seq=2, name="二号路")
    f.ProjectReportFactory(project=dropped, report_week=current_week - 1, percent_complete=50)
    response = staff_client.post(
        URL,
        batch_post(
            [
                (f"project-{typo.pk}", 0, good("十万")),
                (f"project-{dropped.pk}", 0, good(percent="10")),
            ]
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "请输入金额（万元）" in body and "低于第" in body
    assert "第 1 行：一号路" in body and "第 2 行：二号路" in body
    assert not ProjectReport.objects.filter(report_week=current_week).exists()
