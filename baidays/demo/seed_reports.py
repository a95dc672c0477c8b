"""The demo's weekly reports and 争先杯 goals: each item goes at a pace of its own, some well
behind time progress, so that the dashboards have laggards to show."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from enterprises.choices import CompetitionGoal
from enterprises.models import EntryReport
from projects.models import ProjectReport

CENT = Decimal("0.01")


def _pace(rng):
    """How fast an item goes relative to time progress: most near 1, some well behind."""
    return rng.choice([0.45, 0.7, 0.9, 1.0, 1.05, 1.1, 1.15, 1.25])


def _reports_for(item, planned, campaign, weeks, rng, report_model, item_field, reporter):
    pace = _pace(rng)
    reported_to = 0.0
    reports = []
    for week in weeks:
        time_share = min(1.0, campaign.day_number(campaign.week_end(week)) / campaign.days_total)
        share = min(1.0, pace * time_share * rng.uniform(0.93, 1.05))
        share = max(share, reported_to)
        week_amount = (Decimal(planned) * Decimal(str(share - reported_to))).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        reported_to = share
        percent = Decimal(str(share * 100)).quantize(Decimal("0.1")).quantize(CENT)
        reports.append(
            report_model(
                **{item_field: item},
                report_week=week,
                week_investment_wan=week_amount,
                progress_text=progress_text(percent),
                percent_complete=percent,
                problems="" if pace >= 0.8 else "施工力量不足，进度滞后于计划",
                next_steps="加快施工进度" if pace >= 0.8 else "增加施工班组，倒排工期",
                reporter=reporter,
                submitted_at=submission_time(campaign.week_end(week)),
            )
        )
    return reports, pace


def submission_time(day):
    """A report handed in on `day` at 16:30 — or now, when that moment has not come yet: the
    demo writes nothing in the future."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(16, 30)))
    return min(moment, timezone.now())


def progress_text(percent):
    """A believable 形象进度 for a completion percentage (the demo's and generate_load's)."""
    if percent < 20:
        return "前期准备、场地清理"
    if percent < 45:
        return "基础施工中"
    if percent < 70:
        return "主体施工中"
    if percent < 95:
        return "主体基本完成，配套施工中"
    return "已完成百日目标任务"


def seed_reports(campaign, today, projects, entries, users, rng):
    current_week = campaign.week_of(today)
    past_weeks = range(1, current_week)
    paces = {}
    project_reports = []
    for project in projects:
        # the current week is still open: about two thirds have already reported
        weeks = list(past_weeks) + ([current_week] if rng.random() < 0.65 else [])
        reports, paces[project.pk] = _reports_for(
            project,
            project.planned_investment_wan,
            campaign,
            weeks,
            rng,
            ProjectReport,
            "project",
            users["staff"],
        )
        project_reports.extend(reports)
    for report in project_reports:
        report.full_clean()
    ProjectReport.objects.bulk_create(project_reports)
    entry_reports = []
    entry_paces = {}
    for entry in entries:
        weeks = list(past_weeks) + ([current_week] if rng.random() < 0.6 else [])
        reports, entry_paces[entry.pk] = _reports_for(
            entry,
            entry.planned_investment_wan,
            campaign,
            weeks,
            rng,
            EntryReport,
            "entry",
            users["admin"],
        )
        entry_reports.extend(reports)
    for report in entry_reports:
        report.full_clean()
    EntryReport.objects.bulk_create(entry_reports)
    return paces, entry_paces


def seed_goals(entries, entry_paces, dates):
    """Fast 开工 entries have started; the 竣工 entry has not yet been accepted."""
    started = [e for e in entries if e.goal == CompetitionGoal.START and entry_paces[e.pk] >= 0.9]
    for offset, entry in enumerate(started):
        entry.achieved_on = dates.plan(5, 26) + datetime.timedelta(days=4 * offset)
        entry.save(update_fields=["achieved_on"])
