"""Bad input tried on purpose against the weekly forms and the exports: amounts that are not
numbers, negative, huge or too precise; percentages out of range; markup in every text field
(shown as text on every page) and formula-looking text in the Excel exports (kept as text)."""

import re
from decimal import Decimal, InvalidOperation
from io import BytesIO

import pytest
from django.db import models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from baidays.weekly.forms import WeeklyRowForm
from projects.models import ProjectReport
from tests import factories as f
from tests.baidays.weekly.support import batch_post, running_campaign

pytestmark = pytest.mark.django_db

WEB = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
CJK = re.compile(r"[\u4e00-\u9fff]")


def row_form(**values):
    data = {"item": "project-1", "version": "0", "percent_complete": "10"}
    data.update(values)
    return WeeklyRowForm(data)


def as_decimal(raw):
    try:
        return Decimal(raw.strip())
    except (InvalidOperation, ValueError):
        return None


# --- amounts and percentages ----------------------------------------------------------------
@given(st.text(max_size=30))
def test_any_amount_text_is_a_valid_amount_or_a_chinese_message(raw):
    form = row_form(week_investment_wan=raw)
    if form.is_valid():
        amount = form.cleaned_data["week_investment_wan"]
        assert amount is not None and amount >= 0
        assert amount == amount.quantize(Decimal("0.01"))
        assert amount < Decimal("1e12")
    else:
        messages = form.errors["week_investment_wan"]
        assert messages and all(CJK.search(message) for message in messages)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2))
def test_an_amount_is_accepted_exactly_when_it_is_within_range(amount):
    form = row_form(week_investment_wan=str(amount))
    fits = Decimal(0) <= amount < Decimal("1e12")
    assert form.is_valid() is fits
    if fits:
        assert form.cleaned_data["week_investment_wan"] == amount


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("十二万", "请输入金额（万元），例如 12.50"),
        ("12,50", "请输入金额（万元），例如 12.50"),
        ("NaN", "请输入金额（万元），例如 12.50"),
        ("Infinity", "请输入金额（万元），例如 12.50"),
        ("-0.01", "本周完成投资不能为负数"),
        ("1.234", "本周投资最多两位小数"),
        ("100000000000000", "本周投资金额过大"),
    ],
)
def test_bad_amounts_get_a_message_naming_the_problem(raw, message):
    form = row_form(week_investment_wan=raw)
    assert not form.is_valid()
    assert message in " ".join(form.errors["week_investment_wan"])


@given(
    st.decimals(min_value=-1000, max_value=1000, places=2)
    | st.decimals(min_value=-1000, max_value=1000, places=3)
)
def test_a_percentage_is_accepted_only_from_0_to_100_with_two_places(value):
    form = row_form(week_investment_wan="1", percent_complete=str(value))
    fits = 0 <= value <= 100 and -value.as_tuple().exponent <= 2
    assert form.is_valid() is fits
    if not fits:
        assert all(CJK.search(message) for message in form.errors["percent_complete"])


@pytest.fixture
def project(department):
    campaign = running_campaign()
    return f.ProjectFactory(
        campaign=campaign, responsible_department=department, planned_investment_wan=1000
    )


@WEB
@given(amount=st.text(max_size=20), percent=st.text(max_size=8))
def test_the_batch_form_saves_a_good_row_and_nothing_of_a_bad_one(
    staff_client, project, amount, percent
):
    ProjectReport.objects.all().delete()
    response = staff_client.post(
        "/report/week/",
        batch_post(
            [
                (
                    f"project-{project.pk}",
                    0,
                    {"week_investment_wan": amount, "percent_complete": percent},
                )
            ],
            confirm=True,
        ),
    )
    assert response.status_code in (302, 400)
    if not amount.strip() and not percent.strip():  # an untouched row: not reported
        assert response.status_code == 302 and not ProjectReport.objects.exists()
    elif response.status_code == 400:
        assert not ProjectReport.objects.exists()
        assert "本周填报没有保存" in response.content.decode()
    else:
        report = ProjectReport.objects.get()
        assert report.week_investment_wan == as_decimal(amount) or not amount.strip()
        assert report.percent_complete == as_decimal(percent)


# --- markup in every text field is text on every page ------------------------------------------
def fill_text_fields(instance, tag):
    """Put markup in every free-text field of `instance` (choice fields and short codes keep
    their value)."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        if isinstance(field, (models.SlugField, models.EmailField, models.URLField)):
            continue
        value = f"{tag}{SCRIPT}"
        if field.max_length and len(value) > field.max_length:
            continue
        setattr(instance, field.attname, value)
    instance.save()
    return instance


@pytest.fixture
def marked_up_world(department):
    campaign = running_campaign()
    fill_text_fields(department, "科")
    fill_text_fields(campaign, "行动")
    mine = {"responsible_department": department}
    leader = fill_text_fields(f.PersonFactory(department=department), "人")
    project = fill_text_fields(
        f.ProjectFactory(campaign=campaign, responsible_leader=leader, **mine), "项"
    )
    fill_text_fields(f.ProjectReportFactory(project=project, report_week=1), "报")
    entry = fill_text_fields(f.CompetitionEntryFactory(campaign=campaign, **mine), "赛")
    fill_text_fields(entry.enterprise, "赛企")
    fill_text_fields(f.EntryReportFactory(entry=entry, report_week=1), "报")
    key = fill_text_fields(f.KeyEnterpriseFactory(campaign=campaign, **mine), "重")
    fill_text_fields(key.enterprise, "重企")
    fill_text_fields(f.ServiceVisitFactory(key_enterprise=key), "访")
    problem = fill_text_fields(f.ProblemFactory(campaign=campaign, project=project, **mine), "问")
    meeting = fill_text_fields(f.TopicMeetingFactory(campaign=campaign), "会")
    decision = fill_text_fields(f.DecisionFactory(meeting=meeting, **mine), "议")
    fill_text_fields(f.PromotionEventFactory(campaign=campaign, **mine), "推")
    fill_text_fields(f.LandTransferFactory(campaign=campaign), "地")
    target = fill_text_fields(
        f.TopicTargetFactory(
            campaign=campaign,
            period_start=campaign.start_date,
            period_end=campaign.end_date,
            **mine,
        ),
        "标",
    )
    fill_text_fields(f.LandFilingFactory(target=target, filed_on=campaign.start_date), "报")
    fill_text_fields(f.ApprovalCaseFactory(target__campaign=campaign, **mine), "批")
    phase = f.PhaseFactory(
        campaign=campaign, start_date=campaign.start_date, end_date=campaign.end_date
    )
    fill_text_fields(f.PhaseTaskFactory(phase=phase, **mine), "务")
    f.InstructionFactory(target=project, text=f"批示{SCRIPT}")
    return {
        "project": project,
        "entry": entry,
        "key": key,
        "problem": problem,
        "decision": decision,
        "department": department,
    }


STAFF_PAGES = [
    "/report/",
    "/report/week/",
    "/report/evaluations/",
    "/projects/{project}/",
    "/enterprises/entries/{entry}/",
    "/enterprises/key/",
    "/enterprises/key/{key}/",
    "/enterprises/problems/{problem}/",
    "/enterprises/promotions/",
    "/enterprises/land/",
    "/topics/meetings/",
    "/topics/land/",
    "/topics/approvals/",
    "/report/done/decision/{decision}/",
]
LEADER_PAGES = [
    "/",
    "/projects/{project}/",
    "/dashboards/phases/advance/",
    "/dashboards/departments/",
    "/dashboards/departments/{department}/",
    "/dashboards/league/",
    "/dashboards/screen/",
    "/dashboards/briefing/",
    "/dashboards/lagging/",
    "/dashboards/missing/",
]


def _pages(pages, world):
    pks = {name: item.pk for name, item in world.items()}
    return [page.format(**pks) for page in pages]


def test_markup_in_every_text_field_is_shown_as_text_on_every_page(
    staff_client, leader_client, marked_up_world
):
    checked = 0
    for client, pages in ((staff_client, STAFF_PAGES), (leader_client, LEADER_PAGES)):
        for page in _pages(pages, marked_up_world):
            response = client.get(page)
            assert response.status_code == 200, page
            html = response.content.decode()
            assert SCRIPT not in html, page
            assert "<script>alert" not in html, page
            checked += ESCAPED in html
    assert checked >= len(STAFF_PAGES) + len(LEADER_PAGES) - 2  # names show on nearly all


# --- exports: formula-looking text stays text -----------------------------------------------
TRIGGERS = ['=HYPERLINK("http://x","点我")', "+86 571 1234", "-减量", "@SUM(A1:A2)"]


def _cells(content):
    workbook = load_workbook(BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def formula_world(department):
    campaign = running_campaign()
    phase = f.PhaseFactory(
        campaign=campaign, start_date=campaign.start_date, end_date=campaign.end_date
    )
    for index, text in enumerate(TRIGGERS, start=1):
        project = f.ProjectFactory(
            campaign=campaign,
            seq=index,
            name=text,
            milestone_target=text,
            responsible_department=department,
        )
        f.ProjectReportFactory(project=project, report_week=1, progress_text=text)
        entry = f.CompetitionEntryFactory(campaign=campaign, seq=index, project_name=text)
        entry.enterprise.name = f"{text}{index}"
        entry.enterprise.save()
    return campaign, phase


def test_the_briefing_workbook_keeps_formula_looking_text_as_text(leader_client, formula_world):
    campaign, _phase = formula_world
    response = leader_client.get("/dashboards/briefing.xlsx", {"campaign": campaign.slug})
    assert response.status_code == 200
    cells = _cells(response.content)
    found = [cell for cell in cells if cell.value in TRIGGERS]
    assert {cell.value for cell in found} == set(TRIGGERS)
    assert all(cell.data_type == "s" for cell in found)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


@pytest.mark.parametrize("annex", [1, 2])
def test_the_annex_export_keeps_formula_looking_text_as_text(admin_client, formula_world, annex):
    model = {1: "projects/project", 2: "enterprises/competitionentry"}[annex]
    response = admin_client.get(f"/admin/{model}/annex-export/{annex}/")
    assert response.status_code == 200
    cells = _cells(response.content)
    found = [cell for cell in cells if cell.value in TRIGGERS]
    assert {cell.value for cell in found} == set(TRIGGERS)
    assert all(cell.data_type == "s" for cell in found)
    formulas = [cell.value for cell in cells if cell.data_type == "f"]
    assert all(not any(text in str(value) for text in TRIGGERS) for value in formulas)
