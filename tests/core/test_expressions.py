"""core.expressions.Let: a body over rows read once per outer row, NULL where a table gives no
row; and what it is for — the lag by own plan reads an item's reports and plan weeks once,
however many report weeks the consecutive-yellow rule looks back over."""

from decimal import Decimal

import pytest
from django.db.models import DecimalField, F, OuterRef, Sum, Value
from django.db.models.functions import Coalesce

from core.campaign_settings import CampaignRules
from core.expressions import SQL_BY_PLACE, Let, LetRef
from projects.models import Project, ProjectReport
from tests import factories as f

pytestmark = pytest.mark.django_db
MONEY = DecimalField(max_digits=14, decimal_places=2)


def reported_sums():
    return (
        ProjectReport.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum("week_investment_wan"), weeks=Sum(Value(1)))
        .values("total", "weeks")
    )


def test_the_body_reads_each_column_of_the_one_row_read_for_the_item():
    campaign = f.CampaignFactory()
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("12.50"))
    f.ProjectReportFactory(project=project, report_week=2, week_investment_wan=Decimal("7.25"))
    idle = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("40"))
    total = Coalesce(LetRef("done", "total", MONEY), Value(0, MONEY))
    body = F("planned_investment_wan") - total - total
    rows = dict(
        Project.objects.annotate(left=Let(body, MONEY, done=reported_sums())).values_list(
            "pk", "left"
        )
    )
    assert Decimal(rows[project.pk]).quantize(Decimal("0.01")) == Decimal("60.50")
    # no report: the table gives no row, its columns are NULL
    assert Decimal(rows[idle.pk]).quantize(Decimal("0.01")) == Decimal("40.00")


def test_a_let_can_be_filtered_and_grouped_on():
    campaign = f.CampaignFactory()
    for amount in ("5", "5", "30"):
        project = f.ProjectFactory(campaign=campaign)
        f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal(amount))
    done = Let(
        Coalesce(LetRef("done", "total", MONEY), Value(0, MONEY)), MONEY, done=reported_sums()
    )
    grouped = dict(
        Project.objects.annotate(done=done).order_by().values_list("done").annotate(n=Sum(Value(1)))
    )
    assert {Decimal(key).quantize(Decimal("1")): n for key, n in grouped.items()} == {
        Decimal("5"): 2,
        Decimal("30"): 1,
    }
    assert Project.objects.annotate(done=done).filter(done__gt=10).count() == 1


@pytest.mark.parametrize("weeks_to_red", [1, 3, 6])
def test_the_lag_reads_the_reports_and_the_plan_weeks_once_whatever_the_run(weeks_to_red):
    campaign = f.CampaignFactory()
    CampaignRules.objects.create(campaign=campaign, yellow_weeks_to_red=weeks_to_red)
    sql = str(
        Project.objects.filter(campaign=campaign)
        .with_lag(8, campaign)
        .order_by()
        .values("lag")
        .query
    )
    # the lag alone: one read of the item's plan weeks and one of its counted reports
    assert sql.count('FROM "supervision_planweek"') == 1
    assert sql.count('FROM "projects_projectreport"') == 1


def lag_of(campaign, week, queryset=None):
    queryset = queryset if queryset is not None else Project.objects.filter(campaign=campaign)
    return dict(queryset.with_lag(week, campaign).values_list("pk", "lag"))


def test_the_lag_is_built_once_per_place_and_served_from_then_on(monkeypatch):
    from core import own_plan

    campaign = f.CampaignFactory()
    f.ProjectFactory(campaign=campaign)
    SQL_BY_PLACE.clear()
    built = []
    original = own_plan._lag_tree
    monkeypatch.setattr(own_plan, "_lag_tree", lambda *args: built.append(args) or original(*args))
    first = lag_of(campaign, 4)
    again = lag_of(campaign, 4)
    assert first == again
    assert len(built) == 1
    lag_of(campaign, 5)  # another week: other SQL
    assert len(built) == 2


def test_the_compiled_lag_follows_the_rules_and_the_campaign_it_is_keyed_on():
    campaign = f.CampaignFactory()
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
    f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal("0"))
    week = 2
    loose = CampaignRules.objects.create(campaign=campaign, yellow_points=Decimal("100"))
    assert lag_of(campaign, week)[project.pk] == "yellow"
    loose.yellow_points = Decimal("0")
    loose.save()
    campaign.refresh_from_db()  # the rules are read once per campaign instance
    assert lag_of(campaign, week)[project.pk] == "red"


def test_the_compiled_lag_gives_the_same_rows_inside_a_subquery():
    campaign = f.CampaignFactory()
    for amount in ("0", "1000"):
        project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
        f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal(amount))
    direct = {pk for pk, lag in lag_of(campaign, 8).items() if lag == "red"}
    lagging = Project.objects.filter(campaign=campaign).with_lag(8, campaign).filter(lag="red")
    # the same queryset as the inner query of another: its aliases are renamed (U0, …)
    nested = set(Project.objects.filter(pk__in=lagging.values("pk")).values_list("pk", flat=True))
    assert len(direct) == 1
    assert nested == direct


def test_a_compiled_tree_may_not_read_a_joined_column():
    from django.core.exceptions import FieldError

    from core.expressions import CompiledOnce

    SQL_BY_PLACE.clear()
    reading_a_join = CompiledOnce(
        ("joined",), lambda: F("campaign__start_date"), (), DecimalField()
    )
    with pytest.raises(FieldError):
        list(Project.objects.annotate(start=reading_a_join).values_list("start"))


def test_an_aggregate_over_compiled_figures_is_taken_over_their_rows():
    from django.db.models import Count, Q

    campaign = f.CampaignFactory()
    for amount in ("0", "30", "1000"):
        project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("100"))
        f.ProjectReportFactory(project=project, report_week=1, week_investment_wan=Decimal(amount))
    rows = Project.objects.filter(campaign=campaign).with_lag(8, campaign)
    totals = rows.aggregate(
        done=Sum("completed_investment_wan"), red=Count("pk", filter=Q(lag="red"))
    )
    assert Decimal(totals["done"]).quantize(Decimal("0.01")) == Decimal("1030.00")
    assert totals["red"] == sum(1 for lag in lag_of(campaign, 8).values() if lag == "red") == 2
