"""A campaign with `size` of each kind of thing 督办 is about — a front-loaded project behind
its own plan, a back-loaded entry on plan, a silent project, an overdue problem — supervised
as of a day: the data of the query-count tests that grow it between two sizes."""

import datetime
from decimal import Decimal

from supervision.services import supervise
from tests import factories as f
from tests.factories_schedules import written_schedule

DAY = datetime.date(2026, 6, 15)  # report week 8 of the factory campaign; weeks 6, 7 ended
# 督办单 per unit: the project red, the silent one red and missing reports, the problem overdue
PER_UNIT = 4


def populate_supervised(campaign, size, as_of=DAY):
    for _ in range(size):
        department = f.DepartmentFactory()
        leader = f.PersonFactory()
        behind = f.ProjectFactory(
            campaign=campaign, responsible_department=department, responsible_leader=leader
        )
        written_schedule(behind, {1: Decimal("100.00")})
        entry = f.CompetitionEntryFactory(campaign=campaign, responsible_department=department)
        written_schedule(entry, {campaign.weeks_total: entry.planned_investment_wan})
        for week in range(1, 9):
            f.ProjectReportFactory(project=behind, report_week=week)
            f.EntryReportFactory(entry=entry, report_week=week)
        f.ProjectFactory(campaign=campaign, responsible_department=department)  # silent
        f.ProblemFactory(
            campaign=campaign, responsible_department=department, due_date=datetime.date(2026, 6, 1)
        )
    return supervise(campaign=campaign, as_of=as_of)
