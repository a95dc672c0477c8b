"""Synthetic load for benchmarks: many projects, 争先杯 entries, weekly reports, problems and
milestones, in the current campaign and in past campaigns of the same size. Rows are written
with bulk_create in batches (no per-row full_clean or history: a generated row has no edit
history); every value is built to satisfy the models' constraints."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from baidays.demo.load_pool import (
    BATCH,
    ENTRY_WORKS,
    PROBLEM_TITLES,
    WORKS,
    ZONES,
    enterprise_pool,
    leaders_pool,
    person_name,
)
from baidays.demo.load_schedules import silence, write_schedules
from baidays.demo.seed_reports import progress_text, submission_time
from baidays.setup.services import setup_campaign
from core import plan_data
from core.choices import CompletionStatus
from core.models import Campaign
from core.services import get_or_create_department
from enterprises.choices import CompetitionGoal, KeyEnterpriseCategory
from enterprises.choices import ProblemStatus as PS
from enterprises.models import CompetitionEntry, EntryReport, KeyEnterprise, Problem
from enterprises.services import record_new_problems
from plans.models import Milestone, Plan
from projects.choices import Annex
from projects.models import Project, ProjectReport

CENT = Decimal("0.01")
KEY_PROJECT_EVERY = 5  # one project in five is a 附件3 key industrial project
KEY_ENTERPRISE_EVERY = 20  # one enterprise in twenty of the entries is a "2112" key enterprise
MILESTONE_EVERY = 100  # one extra plan milestone per hundred items

PACES = [0.45, 0.7, 0.85, 0.95, 1.0, 1.05, 1.1, 1.2]


@dataclass
class LoadResult:
    campaigns: list = field(default_factory=list)
    projects: int = 0
    entries: int = 0
    reports: int = 0
    problems: int = 0
    milestones: int = 0
    key_enterprises: int = 0
    plan_weeks: int = 0
    silent: int = 0


def _money(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _next_seq(queryset):
    return (queryset.aggregate(top=Max("seq"))["top"] or 0) + 1


class _CampaignLoad:
    """Everything generated for one campaign."""

    def __init__(self, campaign, *, today, rng, departments, leaders, enterprises):
        self.campaign = campaign
        self.today = today
        self.rng = rng
        self.departments = departments
        self.leaders = leaders
        self.enterprises = enterprises
        self.as_of = min(today, campaign.end_date)
        if campaign.contains(today) or today > campaign.end_date:
            self.open_week = campaign.week_of(self.as_of)
        else:
            self.open_week = 0
        self.submitted_at = {}
        self.report_count = 0

    def report_weeks(self, weeks):
        """A running campaign has reports up to this week only; a finished one up to `weeks`."""
        return list(range(1, min(weeks, self.campaign.weeks_total, self.open_week) + 1))

    def _submitted(self, week):
        if week not in self.submitted_at:
            day = min(self.campaign.week_end(week), self.as_of)
            self.submitted_at[week] = submission_time(day)
        return self.submitted_at[week]

    def _reports(self, model, item_field, item_id, planned, weeks, pace):
        campaign, rng = self.campaign, self.rng
        reports = []
        share_before = 0.0
        reported = Decimal("0.00")
        for week in weeks:
            day = campaign.day_number(min(campaign.week_end(week), campaign.end_date))
            share = min(1.0, pace * day / campaign.days_total * rng.uniform(0.94, 1.04))
            share = max(share, share_before)
            # cumulative amounts are rounded, so the weekly figures add up to planned × share
            cumulative = _money(planned * Decimal(str(share)))
            week_amount = cumulative - reported
            reported, share_before = cumulative, share
            percent = _money(share * 100)
            reports.append(
                model(
                    **{item_field: item_id},
                    report_week=week,
                    week_investment_wan=week_amount,
                    progress_text=progress_text(percent),
                    percent_complete=percent,
                    problems="" if pace >= 0.8 else "施工力量不足，进度滞后于计划",
                    next_steps="按计划推进" if pace >= 0.8 else "增加施工班组，倒排工期",
                    submitted_at=self._submitted(week),
                )
            )
        # about one in ten has not yet reported the open week of a running campaign
        running = self.campaign.contains(self.today)
        if reports and running and weeks[-1] == self.open_week and rng.random() < 0.1:
            reports.pop()
        return reports

    def projects(self, count, weeks):
        campaign, rng = self.campaign, self.rng
        seqs = {
            annex: _next_seq(Project.objects.filter(campaign=campaign, annex=annex))
            for annex in Annex.values
        }
        rows = []
        for n in range(count):
            annex = Annex.KEY_INDUSTRIAL if n % KEY_PROJECT_EVERY == 0 else Annex.INFRASTRUCTURE
            seq = seqs[annex]
            seqs[annex] += 1
            zone = ZONES[n % len(ZONES)]
            work, target = WORKS[(n // len(ZONES)) % len(WORKS)]
            if annex == Annex.KEY_INDUSTRIAL:
                planned = _money(rng.uniform(500, 8000))
                owner = self.enterprises[n % len(self.enterprises)]
            else:
                planned, owner = _money(rng.uniform(20, 1500)), None
            starts = campaign.start_date + datetime.timedelta(days=rng.randrange(0, 40))
            rows.append(
                Project(
                    campaign=campaign,
                    annex=annex,
                    seq=seq,
                    name=f"{zone}{work}（{seq}号）",
                    content_scale=target,
                    zone=zone,
                    owner_id=owner,
                    total_investment_wan=planned * rng.choice([2, 3, 5, 8]),
                    annual_planned_wan=planned * 2,
                    planned_investment_wan=planned,
                    milestone_target=f"完成{target}",
                    planned_start=starts,
                    planned_finish=starts + datetime.timedelta(days=rng.randrange(60, 400)),
                    responsible_leader_id=self.leaders[n % len(self.leaders)],
                    responsible_department=self.departments[n % len(self.departments)],
                )
            )
        created = Project.objects.bulk_create(rows, batch_size=BATCH)
        paces = {}
        reports = []
        for project in created:
            pace = paces[project.pk] = rng.choice(PACES)
            reports.extend(
                self._reports(
                    ProjectReport,
                    "project_id",
                    project.pk,
                    project.planned_investment_wan,
                    weeks,
                    pace,
                )
            )
            if len(reports) >= BATCH * 5:
                ProjectReport.objects.bulk_create(reports, batch_size=BATCH)
                self.report_count += len(reports)
                reports = []
        ProjectReport.objects.bulk_create(reports, batch_size=BATCH)
        self.report_count += len(reports)
        return created, paces

    def entries(self, count, weeks, first_enterprise):
        campaign, rng = self.campaign, self.rng
        seq = _next_seq(CompetitionEntry.objects.filter(campaign=campaign))
        department = get_or_create_department(name="园区企业服务科")
        rows = []
        goals = [CompetitionGoal.START] * 2 + [CompetitionGoal.ACCELERATE] * 3
        for n in range(count):
            goal = CompetitionGoal.COMPLETE if n % 20 == 19 else goals[n % len(goals)]
            planned = _money(rng.uniform(200, 5000))
            enterprise = self.enterprises[(first_enterprise + n) % len(self.enterprises)]
            rows.append(
                CompetitionEntry(
                    campaign=campaign,
                    seq=seq + n,
                    enterprise_id=enterprise,
                    project_name=f"{ENTRY_WORKS[n % len(ENTRY_WORKS)]}（{seq + n}号）",
                    goal=goal,
                    total_investment_wan=planned * rng.choice([3, 5, 10]),
                    planned_investment_wan=planned,
                    construction_task="主体结构封顶"
                    if goal != CompetitionGoal.START
                    else "开工建设",
                    legal_representative=person_name(n),
                    pledge="确保百日内完成建设任务，全力争创“争先杯”。",
                    liaison_leader_id=self.leaders[n % len(self.leaders)],
                    responsible_department=department,
                )
            )
        created = CompetitionEntry.objects.bulk_create(rows, batch_size=BATCH)
        paces = {}
        reports = []
        achieved = []
        for entry in created:
            pace = paces[entry.pk] = rng.choice(PACES)
            reports.extend(
                self._reports(
                    EntryReport, "entry_id", entry.pk, entry.planned_investment_wan, weeks, pace
                )
            )
            if entry.goal == CompetitionGoal.START and pace >= 1.0 and self.open_week > 3:
                entry.achieved_on = campaign.start_date + datetime.timedelta(
                    days=rng.randrange(7, (self.as_of - campaign.start_date).days + 1)
                )
                achieved.append(entry)
            if len(reports) >= BATCH * 5:
                EntryReport.objects.bulk_create(reports, batch_size=BATCH)
                self.report_count += len(reports)
                reports = []
        EntryReport.objects.bulk_create(reports, batch_size=BATCH)
        self.report_count += len(reports)
        CompetitionEntry.objects.bulk_update(achieved, ["achieved_on"], batch_size=BATCH)
        return created, paces

    def key_enterprises(self, entries):
        seq = _next_seq(KeyEnterprise.objects.filter(campaign=self.campaign))
        taken = set(
            KeyEnterprise.objects.filter(campaign=self.campaign).values_list(
                "enterprise_id", flat=True
            )
        )
        categories = KeyEnterpriseCategory.values
        rows = []
        for entry in entries[::KEY_ENTERPRISE_EVERY]:
            if entry.enterprise_id in taken:
                continue
            taken.add(entry.enterprise_id)
            rows.append(
                KeyEnterprise(
                    campaign=self.campaign,
                    seq=seq + len(rows),
                    enterprise_id=entry.enterprise_id,
                    category=categories[len(rows) % len(categories)],
                    liaison_leader=person_name(len(rows)),
                    responsible_department=entry.responsible_department,
                    difficulties="用地、用电需协调" if len(rows) % 2 else "",
                )
            )
        return KeyEnterprise.objects.bulk_create(rows, batch_size=BATCH)

    def problems(self, projects, project_paces, entries, entry_paces):
        """Slow items raise a problem about half the time; earlier ones are mostly solved."""
        campaign, rng = self.campaign, self.rng
        span = max(1, (self.as_of - campaign.start_date).days)
        rows = []
        owners = [(p, None, project_paces[p.pk]) for p in projects] + [
            (None, e, entry_paces[e.pk]) for e in entries
        ]
        for project, entry, pace in owners:
            if pace >= 0.9 or rng.random() < 0.5:
                continue
            category, title = rng.choice(PROBLEM_TITLES)
            raised = campaign.start_date + datetime.timedelta(days=rng.randrange(0, span))
            due = raised + datetime.timedelta(days=rng.choice([10, 20, 30]))
            problem = Problem(
                campaign=campaign,
                project_id=project.pk if project else None,
                enterprise_id=entry.enterprise_id if entry else None,
                title=title,
                description="需责任单位协调解决",
                category=category,
                raised_on=raised,
                responsible_department_id=(project or entry).responsible_department_id,
                due_date=due,
            )
            resolved_on = raised + datetime.timedelta(days=rng.randrange(3, 40))
            if resolved_on <= self.as_of and rng.random() < 0.7:
                problem.status = rng.choice([PS.RESOLVED, PS.CONFIRMED])
                problem.resolved_on = resolved_on
                problem.resolution = "已协调解决"
            else:
                problem.status = rng.choice([PS.OPEN, PS.IN_PROGRESS])
            rows.append(problem)
        created = Problem.objects.bulk_create(rows, batch_size=BATCH)
        # their status history, as saving each through the service would have kept it
        record_new_problems(created, today=self.as_of)
        return created

    def milestones(self, count):
        campaign, rng = self.campaign, self.rng
        plans = list(Plan.objects.filter(campaign=campaign).order_by("kind"))
        if not plans:
            return []
        rows = []
        for index, plan in enumerate(plans):
            seq = _next_seq(Milestone.objects.filter(plan=plan))
            share = count // len(plans) + (1 if index < count % len(plans) else 0)
            for n in range(share):
                due = campaign.start_date + datetime.timedelta(
                    days=rng.randrange(10, campaign.days_total)
                )
                milestone = Milestone(
                    plan=plan,
                    seq=seq + n,
                    title=f"{plan.name}专项节点（{seq + n}）",
                    lead_department=self.departments[n % len(self.departments)],
                    due_date=due,
                )
                done_on = due - datetime.timedelta(days=rng.randrange(-5, 10))
                if done_on <= self.as_of and rng.random() < 0.75:
                    milestone.status = CompletionStatus.DONE
                    milestone.completed_on = done_on
                    milestone.result = "已按节点完成"
                elif due <= self.as_of + datetime.timedelta(days=30):
                    milestone.status = CompletionStatus.IN_PROGRESS
                rows.append(milestone)
        return Milestone.objects.bulk_create(rows, batch_size=BATCH)


def _campaigns(count, today):
    current = Campaign.objects.current(today) or setup_campaign(year=today.year)
    campaigns = [current]
    for back in range(1, count):
        year = current.year - back
        campaigns.append(
            setup_campaign(
                year=year,
                slug=f"load-{year}",
                name=f"{year}年全县“服务工业、推进项目”百日行动（负载数据）",
            )
        )
    return campaigns


def generate_load(
    *, projects, enterprises, weeks, campaigns=1, today=None, seed=20260501, schedules=False
):
    """Add `projects` projects (one in five 附件3), `enterprises` 争先杯 entries, their
    weekly reports, problems, key enterprises and milestones to the current campaign and to
    campaigns−1 past campaigns of the same size; with `schedules`, a 进度计划 for every item
    and a few silent items (baidays.demo.load_schedules)."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    result = LoadResult()
    with transaction.atomic():
        targets = _campaigns(campaigns, today)
        departments = [get_or_create_department(name=name) for name in plan_data.DEPARTMENTS]
        leaders = leaders_pool()
        pool = enterprise_pool(max(enterprises, projects // KEY_PROJECT_EVERY, 1))
    for index, campaign in enumerate(targets):
        with transaction.atomic():
            load = _CampaignLoad(
                campaign,
                today=today,
                rng=rng,
                departments=departments,
                leaders=leaders,
                enterprises=pool,
            )
            report_weeks = load.report_weeks(weeks)
            created_projects, project_paces = load.projects(projects, report_weeks)
            created_entries, entry_paces = load.entries(enterprises, report_weeks, index)
            key = load.key_enterprises(created_entries)
            problems = load.problems(created_projects, project_paces, created_entries, entry_paces)
            milestones = load.milestones((projects + enterprises) // MILESTONE_EVERY)
            if schedules:
                result.plan_weeks += write_schedules(campaign, created_projects + created_entries)
                silent, removed = silence(load, created_projects, created_entries)
                result.silent += silent
                load.report_count -= removed
        result.campaigns.append(campaign)
        result.projects += len(created_projects)
        result.entries += len(created_entries)
        result.reports += load.report_count
        result.problems += len(problems)
        result.milestones += len(milestones)
        result.key_enterprises += len(key)
    return result
