"""One truth per figure: whatever happens in a campaign — reports and corrections, problems
raised, resolved, reopened and archived, tasks done and undone, 批示, projects archived and
restored, 进度计划 written, replaced and cleared, 督办 run on its days — every figure shown on
more than one surface is the same on all of them, at any as-of date. Surfaces: the summary and
/api/summary/, the overview (and its cumulative chart), the phase pages, the department list
and each department page (with the 考核 on both and in its workbook), the league table, the
lagging and missing lists, the big screen, the briefing page and its workbook, export_annex,
and the item pages."""

import datetime
import json
import unittest
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import transaction
from django.http import JsonResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from baidays.dashboards.summary import campaign_summary
from baidays.excel.export import HEADER_ROW, write_annex
from core.choices import LagStatus, PhaseKind
from enterprises.models import CompetitionEntry
from projects.choices import Annex
from projects.models import Project
from tests.baidays.consistency_world import (
    EXAMPLES,
    World,
    actions,
    day,
    days,
)


def decimal(value):
    return Decimal(str(value)).quantize(Decimal("0.01"))


def workbook_rows(content, title=None):
    book = load_workbook(BytesIO(content), data_only=True)
    sheet = book[title] if title else book.active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def annex_export(campaign, annex, as_of):
    """{header: [values of the data rows]} of an export_annex workbook (合计 row left out)."""
    rows = workbook_rows(write_annex(annex, campaign, as_of=as_of))
    headers = rows[HEADER_ROW - 1]
    data = []
    for row in rows[HEADER_ROW:]:
        if row[0] == "合计" or all(cell in (None, "") for cell in row):
            break
        data.append(row)
    return {header: [row[i] for row in data] for i, header in enumerate(headers) if header}


pytestmark = pytest.mark.django_db


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(
    history=st.lists(actions, max_size=25),
    as_of_days=st.lists(days, min_size=1, max_size=2),
)
def test_every_surface_shows_the_same_figures(leader_client, history, as_of_days):
    # each example in a savepoint of its own, rolled back, so examples do not add up
    with transaction.atomic():
        world = World()
        for action in history:
            world.apply(("raise_", *action[1:]) if action[0] == "raise" else action)
        surfaces = Surfaces(leader_client)
        for offset in as_of_days:
            surfaces.check(world.campaign, day(offset).isoformat())
        transaction.set_rollback(True)


class Surfaces(unittest.TestCase):
    """The figures of every surface, compared (unittest's assertions name what differs)."""

    __test__ = False  # not a test case of its own
    maxDiff = None

    def __init__(self, client):
        super().__init__()
        self.client = client

    def runTest(self):  # a holder of assertions, never run as a test itself
        pass

    def page(self, path, as_of, **params):
        response = self.client.get(path, {"campaign": "truth", "as_of": as_of, **params})
        self.assertEqual(response.status_code, 200, path)
        return response

    def check(self, campaign, as_of):
        date = datetime.date.fromisoformat(as_of)
        summary = campaign_summary(campaign, date)
        as_json = json.loads(JsonResponse(summary).content)

        # the API and the overview, the screen and the briefing show the summary itself
        self.assertEqual(self.page("/api/summary/", as_of).json(), as_json)
        overview = self.page("/", as_of).context
        self.assertEqual(overview["summary"], summary)
        screen = self.page("/dashboards/screen/", as_of).context
        self.assertEqual(screen["summary"], summary)
        self.assertEqual(self.page("/dashboards/briefing/", as_of).context["summary"], summary)

        blocks = [summary["infrastructure"], summary["key_projects"], summary["competition"]]
        # planned to date is the sum of every item's own figure (its schedule in effect then)
        for block, items in (
            (
                summary["infrastructure"],
                Project.objects.active().filter(annex=Annex.INFRASTRUCTURE),
            ),
            (summary["competition"], CompetitionEntry.objects.active()),
        ):
            own = sum(
                (
                    self.page(
                        f"/projects/{item.pk}/"
                        if isinstance(item, Project)
                        else f"/enterprises/entries/{item.pk}/",
                        as_of,
                    ).context["planned_to_date_wan"]
                    for item in items.filter(campaign=campaign)
                ),
                Decimal(0),
            )
            self.assertEqual(decimal(block["planned_to_date_wan"]), own)
        red = sum(block["lagging"]["red"] for block in blocks)
        yellow = sum(block["lagging"]["yellow"] for block in blocks)
        completed = sum(decimal(block["completed_wan"]) for block in blocks)
        problems = summary["problems"]

        # the cumulative chart ends, for each block it draws, on the block's planned to date
        drawn = [row for row in overview["series"] if "infrastructure_wan" in row]
        self.assertEqual(len(drawn), summary["reports"]["week"])
        for block in ("infrastructure", "competition"):
            self.assertEqual(
                drawn[-1][f"{block}_planned_wan"] if drawn else "0.00",
                summary[block]["planned_to_date_wan"],
                block,
            )

        # every lagging row anywhere has the colour its item page shows
        item_urls = {"project": "/projects/{}/", "entry": "/enterprises/entries/{}/"}
        for row in [*overview["lagging"], *screen["lagging"]]:
            item = self.page(item_urls[row["kind"]].format(row["pk"]), as_of).context
            self.assertEqual(row["lag"], LagStatus(item["lag"]).value, row["name"])
            self.assertEqual(row["completed_wan"], item["completed_wan"], row["name"])
            self.assertEqual(row["plan_percent"], item["plan_percent"], row["name"])
        self.assertEqual(len(overview["overdue_problems"]), min(5, problems["overdue"]))

        # the full lagging and missing lists count what the summary counts
        lagging = {
            kind: self.page("/dashboards/lagging/", as_of, kind=kind).context["page_obj"]
            for kind in ("project", "entry")
        }
        self.assertEqual(sum(page.paginator.count for page in lagging.values()), red + yellow)
        self.assertEqual(
            lagging["entry"].paginator.count,
            summary["competition"]["lagging"]["total"],
        )
        missing = sum(
            self.page("/dashboards/missing/", as_of, kind=kind).context["page_obj"].paginator.count
            for kind in ("project", "entry")
        )
        self.assertEqual(missing, summary["reports"]["missing"])

        # the department list adds up to the summary, and each unit's page to its row
        departments = self.page("/dashboards/departments/", as_of).context
        rows = departments["rows"]
        assessment = departments["assessment"]
        self.assertEqual(sum(row["red"] for row in rows), red)
        self.assertEqual(sum(row["yellow"] for row in rows), yellow)
        self.assertEqual(sum(row["completed"] for row in rows), completed)
        self.assertEqual(sum(row["problems_open"] for row in rows), problems["open"])
        self.assertEqual(sum(row["missing"] for row in rows), summary["reports"]["missing"])
        for row in rows:
            page = self.page(f"/dashboards/departments/{row['department'].pk}/", as_of).context
            figures = page["figures"]
            self.assertEqual(
                (figures["completed"], figures["red"], figures["yellow"]),
                (row["completed"], row["red"], row["yellow"]),
            )
            self.assertEqual(len(page["open_problems"]), min(10, row["problems_open"]))
            self.assertEqual(len(page["overdue"]), min(10, row["overdue"]))
            # the 考核 on the unit's page is its row of the ranking
            self.assertEqual(page["score"], assessment.of(row["department"]))
        # the 考核 workbook: the ranking's units, ranks and scores
        sheet = workbook_rows(self.page("/dashboards/departments/assessment.xlsx", as_of).content)
        self.assertEqual(
            [(line[0], line[1], decimal(line[-1])) for line in sheet[3 : 3 + len(assessment.rows)]],
            [(row.rank, row.department.name, row.score) for row in assessment.rows],
        )
        self.assertEqual(sheet[3 + len(assessment.rows)][0], f"注：{assessment.rule}。")

        # the league: every entry, on the board its lag puts it on
        league = self.page("/dashboards/league/", as_of).context["rows"]
        self.assertEqual(len(league), summary["competition"]["count"])
        boards = [row["board"] for row in league]
        self.assertEqual(boards.count("black"), summary["competition"]["lagging"]["red"])
        on_plan = summary["competition"]["count"] - summary["competition"]["lagging"]["total"]
        self.assertEqual(boards.count("red"), on_plan)

        # the phase pages count the tasks the summary counts
        for phase in summary["phases"]:
            page = self.page(f"/dashboards/phases/{phase['kind']}/", as_of).context
            self.assertEqual(page["tasks_done"], phase["tasks_done"], phase["kind"])
        self.assertEqual({p["kind"] for p in summary["phases"]}, set(PhaseKind.values))

        # the briefing workbook and export_annex
        workbook = self.page("/dashboards/briefing.xlsx", as_of).content
        overview_sheet = {row[0]: row[1] for row in workbook_rows(workbook, "总览") if row}
        self.assertEqual(
            decimal(overview_sheet["基础设施累计完成投资（万元）"]),
            decimal(summary["infrastructure"]["completed_wan"]),
        )
        key_sheet = workbook_rows(workbook, "附件4 重点企业")
        # the annex layout: 附件4, title, 单位, header; the data rows; 合计
        open_column = key_sheet[3].index("未解决（个）")
        self.assertEqual(
            sum(row[open_column] or 0 for row in key_sheet[4:] if row[0] != "合计"),
            summary["key_enterprises"]["problems_open"],
        )
        annex1 = annex_export(campaign, 1, date)
        self.assertEqual(
            sum(decimal(value or 0) for value in annex1["累计完成投资"]),
            decimal(summary["infrastructure"]["completed_wan"]),
        )
        self.assertEqual(
            annex1["进度状态"].count(LagStatus.RED.label),
            summary["infrastructure"]["lagging"]["red"],
        )
        annex4 = annex_export(campaign, 4, date)
        self.assertEqual(
            sum(annex4["未解决问题（个）"]), summary["key_enterprises"]["problems_open"]
        )
        self.assertEqual(len(annex4["未解决问题（个）"]), summary["key_enterprises"]["count"])
        self.assertEqual(
            CompetitionEntry.objects.active().filter(campaign=campaign).count(),
            summary["competition"]["count"],
        )
