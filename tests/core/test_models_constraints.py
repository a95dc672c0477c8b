"""What the database can enforce, it enforces: each constraint refuses bad data."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from projects.choices import Annex
from tests import factories as f

pytestmark = pytest.mark.django_db


def refused(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)


def test_campaign_end_before_start_is_refused():
    refused(
        f.CampaignFactory,
        start_date=datetime.date(2026, 8, 20),
        end_date=datetime.date(2026, 5, 1),
    )


def test_campaign_negative_target_is_refused():
    refused(f.CampaignFactory, infrastructure_target_wan=Decimal("-1.00"))


def test_project_negative_money_is_refused():
    refused(f.ProjectFactory, planned_investment_wan=Decimal("-0.01"))
    refused(f.ProjectFactory, total_investment_wan=Decimal("-5"))


def test_project_finish_before_start_is_refused():
    refused(
        f.ProjectFactory,
        planned_start=datetime.date(2026, 6, 1),
        planned_finish=datetime.date(2026, 5, 1),
    )


def test_project_seq_is_unique_per_campaign_and_annex():
    campaign = f.CampaignFactory()
    f.ProjectFactory(campaign=campaign, seq=1, annex=Annex.INFRASTRUCTURE)
    f.ProjectFactory(campaign=campaign, seq=1, annex=Annex.KEY_INDUSTRIAL)
    f.ProjectFactory(campaign=f.CampaignFactory(), seq=1, annex=Annex.INFRASTRUCTURE)
    refused(f.ProjectFactory, campaign=campaign, seq=1, annex=Annex.INFRASTRUCTURE)


def test_project_unknown_annex_is_refused():
    refused(f.ProjectFactory, annex=2)


def test_one_project_report_per_week():
    report = f.ProjectReportFactory(report_week=3)
    f.ProjectReportFactory(project=report.project, report_week=4)
    refused(f.ProjectReportFactory, project=report.project, report_week=3)


@pytest.mark.parametrize("value", ["-0.01", "100.01", "250"])
def test_report_percent_outside_0_100_is_refused(value):
    refused(f.ProjectReportFactory, percent_complete=Decimal(value))
    refused(f.EntryReportFactory, percent_complete=Decimal(value))


def test_report_negative_week_investment_is_refused():
    refused(f.ProjectReportFactory, week_investment_wan=Decimal("-1"))
    refused(f.EntryReportFactory, week_investment_wan=Decimal("-1"))


def test_report_week_zero_is_refused():
    refused(f.ProjectReportFactory, report_week=0)


def test_one_entry_report_per_week():
    report = f.EntryReportFactory(report_week=2)
    refused(f.EntryReportFactory, entry=report.entry, report_week=2)


def test_entry_seq_unique_and_goal_known():
    entry = f.CompetitionEntryFactory(seq=5)
    refused(f.CompetitionEntryFactory, campaign=entry.campaign, seq=5)
    refused(f.CompetitionEntryFactory, goal="finish-line")
    refused(f.CompetitionEntryFactory, planned_investment_wan=Decimal("-3"))


def test_key_enterprise_once_per_campaign():
    record = f.KeyEnterpriseFactory()
    refused(
        f.KeyEnterpriseFactory,
        campaign=record.campaign,
        enterprise=record.enterprise,
        seq=99,
    )


def test_problem_needs_an_enterprise_or_a_project():
    refused(f.ProblemFactory, enterprise=None, project=None)


def test_resolved_problem_needs_resolution_date_not_before_raised():
    refused(f.ProblemFactory, status="resolved", resolved_on=None)
    refused(
        f.ProblemFactory,
        status="resolved",
        raised_on=datetime.date(2026, 6, 1),
        resolved_on=datetime.date(2026, 5, 1),
    )


def test_land_areas_must_be_positive():
    refused(f.LandTransferFactory, area_mu=Decimal("0"))
    refused(f.LandFilingFactory, area_mu=Decimal("-2"))


def test_topic_target_quantity_positive_and_period_ordered():
    refused(f.TopicTargetFactory, quantity=Decimal("0"))
    refused(
        f.TopicTargetFactory,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 6, 1),
    )


def test_done_items_need_a_completion_date():
    refused(f.PowerItemFactory, status="done", completed_on=None)
    refused(f.DecisionFactory, status="done", completed_on=None)
    refused(f.MilestoneFactory, status="done", completed_on=None)
    refused(f.PhaseTaskFactory, status="done", completed_on=None)


def test_procedure_cannot_be_approved_before_submitted():
    refused(
        f.ApprovalProcedureFactory,
        submitted_on=datetime.date(2026, 6, 10),
        approved_on=datetime.date(2026, 6, 1),
    )


def test_evaluation_score_within_0_100_and_once_per_person():
    refused(f.PersonEvaluationFactory, score=Decimal("100.5"))
    evaluation = f.PersonEvaluationFactory()
    refused(f.PersonEvaluationFactory, campaign=evaluation.campaign, person=evaluation.person)


def test_every_model_has_a_chinese_str():
    objects = [
        f.ProjectReportFactory(),
        f.ProjectPhotoFactory(),
        f.EntryReportFactory(),
        f.EntryPhotoFactory(),
        f.ServiceVisitFactory(),
        f.ProblemFactory(),
        f.PromotionEventFactory(),
        f.LandTransferFactory(),
        f.DecisionFactory(),
        f.LandFilingFactory(),
        f.ApprovalProcedureFactory(),
        f.PowerItemFactory(),
        f.MilestoneFactory(),
        f.InstructionFactory(),
        f.PersonEvaluationFactory(),
        f.PhaseTaskFactory(),
    ]
    for obj in objects:
        assert str(obj).strip(), type(obj)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in obj._meta.verbose_name)
