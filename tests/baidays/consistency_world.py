"""The campaign world of the consistency property test (test_consistency.py): the actions
hypothesis draws — reports and corrections, problems, tasks, 批示, archiving, 进度计划, 督办 —
and World, which plays them in order on their days."""

import datetime
import os
from decimal import Decimal

import time_machine
from hypothesis import strategies as st

from baidays.setup.services import setup_campaign
from core.campaign_settings import CampaignRules, LeagueOrder
from core.choices import CompletionStatus, ReportState
from core.models import Campaign, Department, Instruction, PhaseTask
from enterprises.choices import ProblemStatus
from enterprises.models import EntryReport, Problem
from enterprises.services import save_problem
from projects.choices import Annex
from projects.models import Project, ProjectReport
from supervision.schedules.services import replace_schedule
from supervision.services import supervise
from tests import factories as f

START = datetime.date(2026, 5, 1)  # the plan's campaign: 2026-05-01 to 2026-08-20
EXAMPLES = int(os.environ.get("CONSISTENCY_EXAMPLES", "12"))

days = st.integers(min_value=0, max_value=115)
amounts = st.integers(min_value=0, max_value=40_000).map(lambda cents: Decimal(cents) / 100)
actions = st.one_of(
    st.tuples(
        st.just("report"),
        st.integers(0, 7),
        st.integers(1, 12),
        amounts,
        st.integers(0, 100).map(Decimal),
    ),
    st.tuples(st.just("raise"), st.integers(0, 7), days, st.integers(0, 40)),
    st.tuples(st.just("resolve"), st.integers(0, 9), st.integers(0, 30)),
    st.tuples(st.just("reopen"), st.integers(0, 9), st.integers(0, 30)),
    st.tuples(st.just("archive_problem"), st.integers(0, 9)),
    st.tuples(st.just("archive_item"), st.integers(0, 7), st.booleans()),
    st.tuples(st.just("task"), st.integers(0, 30), days, st.booleans()),
    st.tuples(st.just("instruct"), st.integers(0, 7), days),
    # a 进度计划 written (or cleared, share None) on a day: `share` % due in `week`, the rest
    # in the last week
    st.tuples(
        st.just("schedule"),
        st.integers(0, 7),
        days,
        st.integers(1, 16),
        st.one_of(st.none(), st.integers(0, 100)),
    ),
    st.tuples(st.just("supervise"), days),
    # a report put in review: 待审核, 退回 or approved (when there is one)
    st.tuples(
        st.just("review"),
        st.integers(0, 7),
        st.integers(1, 12),
        st.sampled_from([ReportState.PENDING, ReportState.RETURNED, ReportState.APPROVED]),
    ),
    # the campaign's lag thresholds (CampaignRules)
    st.tuples(
        st.just("rules"),
        st.integers(0, 3000).map(lambda n: Decimal(n) / 100),
        st.integers(1, 4),
        st.sampled_from(LeagueOrder.values),
    ),
)


def day(offset):
    return START + datetime.timedelta(days=offset)


def at_noon(date):
    # 12:00 Beijing time
    return datetime.datetime.combine(date, datetime.time(4), tzinfo=datetime.UTC)


class World:
    """A campaign set up from the plan, with four projects (附件1 and 附件3), four 争先杯
    entries and two key enterprises over two units."""

    def __init__(self):
        self.campaign = setup_campaign(year=2026, slug="truth")
        units = list(Department.objects.order_by("pk")[:2])
        self.items = [
            f.ProjectFactory(
                campaign=self.campaign,
                annex=Annex.INFRASTRUCTURE if n < 3 else Annex.KEY_INDUSTRIAL,
                planned_investment_wan=Decimal(100 * (n + 1)),
                responsible_department=units[n % 2],
            )
            for n in range(4)
        ] + [
            f.CompetitionEntryFactory(
                campaign=self.campaign,
                planned_investment_wan=Decimal(300 * (n + 1)),
                responsible_department=units[n % 2],
            )
            for n in range(4)
        ]
        self.key_enterprises = [
            f.KeyEnterpriseFactory(campaign=self.campaign, responsible_department=unit)
            for unit in units
        ]
        self.tasks = list(PhaseTask.objects.filter(phase__campaign=self.campaign))
        self.problems = []
        self.supervised_to = -1

    def apply(self, action):
        getattr(self, action[0])(*action[1:])

    def report(self, index, week, amount, percent):
        item = self.items[index]
        model, field = (
            (ProjectReport, "project") if isinstance(item, Project) else (EntryReport, "entry")
        )
        model.objects.update_or_create(
            **{field: item, "report_week": week},
            defaults={"week_investment_wan": amount, "percent_complete": percent},
        )

    def raise_(self, index, raised, due_in):
        item = self.items[index]
        owner = (
            {"project": item, "enterprise": None}
            if isinstance(item, Project)
            else {"enterprise": self.key_enterprises[index % 2].enterprise}
        )
        self.problems.append(
            f.ProblemFactory(
                campaign=self.campaign,
                responsible_department=item.responsible_department,
                raised_on=day(raised),
                due_date=day(raised + due_in),
                **owner,
            )
        )

    def resolve(self, index, after):
        problem = self._problem(index)
        if problem is None or problem.status in (ProblemStatus.RESOLVED, ProblemStatus.CONFIRMED):
            return
        problem.status = ProblemStatus.RESOLVED
        problem.resolved_on = max(problem.raised_on, problem.resolved_on or START) + (
            datetime.timedelta(days=after)
        )
        save_problem(problem=problem, today=problem.resolved_on)

    def reopen(self, index, after):
        problem = self._problem(index)
        if problem is None or problem.status != ProblemStatus.RESOLVED:
            return
        # reopened on its day; the 解决日期 stays as it was
        problem.status = ProblemStatus.OPEN
        save_problem(problem=problem, today=problem.resolved_on + datetime.timedelta(after))

    def archive_problem(self, index):
        problem = self._problem(index)
        if problem is not None:
            problem.is_archived = not problem.is_archived
            problem.save()

    def archive_item(self, index, archived):
        item = self.items[index]
        item.is_archived = archived
        item.save()

    def task(self, index, completed, done):
        task = self.tasks[index % len(self.tasks)]
        task.status = CompletionStatus.DONE if done else CompletionStatus.IN_PROGRESS
        task.completed_on = day(completed) if done else None
        task.save()

    def instruct(self, index, written):
        Instruction.objects.create(
            item=self.items[index],
            author=f.UserFactory(),
            text="请加快进度",
            created_at=at_noon(day(written)),
        )

    def schedule(self, index, written, week, share):
        item = self.items[index]
        weeks = {}
        if share is not None:
            due = (item.planned_investment_wan * share / 100).quantize(Decimal("0.01"))
            weeks = {week: due}
            last = self.campaign.weeks_total
            weeks[last] = weeks.get(last, Decimal(0)) + item.planned_investment_wan - due
        # on its day; a schedule written earlier than the last one starts with it instead
        with time_machine.travel(at_noon(day(written))):
            replace_schedule(item=item, weeks=weeks)

    def supervise(self, offset):
        # 督办 runs day after day, never back in time (as the nightly command does)
        if offset > self.supervised_to:
            self.supervised_to = offset
            supervise(campaign=self.campaign, as_of=day(offset))

    def review(self, index, week, state):
        item = self.items[index]
        item.reports.filter(report_week=week).update(state=state)

    def rules(self, points, weeks, league_order):
        CampaignRules.objects.update_or_create(
            campaign=self.campaign,
            defaults={
                "yellow_points": points,
                "yellow_weeks_to_red": weeks,
                "league_order": league_order,
            },
        )
        # the world's campaign reads its rules afresh, as each request's does
        self.campaign = Campaign.objects.get(pk=self.campaign.pk)

    def _problem(self, index):
        if not self.problems:
            return None
        problem = self.problems[index % len(self.problems)]
        return Problem.objects.get(pk=problem.pk)
