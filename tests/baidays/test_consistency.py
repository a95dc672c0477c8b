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
from tests.baidays.consistency_rules import RuleChecks, colours
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
ITEM_FIGURES = ("item", "lag", "completed_wan", "planned_to_date_wan", "plan_percent")
BLOCKS = ("infrastructure", "key_projects", "competition")


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


class Surfaces(RuleChecks, unittest.TestCase):
    """The figures of every surface, compared (unittest's assertions name what differs)."""

    __test__ = False  # not a test case of its own
    maxDiff = None

    def __init__(self, client):
        super().__init__()
        self.client = client

    def runTest(self):  # a holder of assertions, never run as a test itself
        pass

    def item_pages(self, campaign, as_of):
        """{(kind, pk): the item page's context, with the KPI `block` it counts in}."""
        found = {}
        for block, kind, url, queryset in (
            (
                "infrastructure",
                "project",
                "/projects/{}/",
                Project.objects.filter(annex=Annex.INFRASTRUCTURE),
            ),
            (
                "key_projects",
                "project",
                "/projects/{}/",
                Project.objects.filter(annex=Annex.KEY_INDUSTRIAL),
            ),
            ("competition", "entry", "/enterprises/entries/{}/", CompetitionEntry.objects.all()),
        ):
            for item in queryset.active().filter(campaign=campaign):
                context = self.page(url.format(item.pk), as_of).context
                found[(kind, item.pk)] = {key: context[key] for key in ITEM_FIGURES}
                found[(kind, item.pk)]["block"] = block
        return found

    def page(self, path, as_of, **params):
        response = self.client.get(path, {"campaign": "truth", "as_of": as_of, **params})
        self.assertEqual(response.status_code, 200, path)
        return response

    def check(self, campaign, as_of):
        date = datetime.date.fromisoformat(as_of)
        summary = campaign_summary(campaign, date)
        pages = self.check_summary_surfaces(summary, as_of)
        # every item's own page: its figures by its schedule in effect then; planned to date
        # of a block is the sum of its items' (check_totals)
        item_pages = self.item_pages(campaign, as_of)
        points = self.check_rule_text(campaign, pages)
        lags = {key: self.check_item(page, points) for key, page in item_pages.items()}
        self.check_totals(
            summary,
            {
                block: [page for page in item_pages.values() if page["block"] == block]
                for block in ("infrastructure", "key_projects", "competition")
            },
            points,
            pages,
        )
        self.check_chart(summary, pages["overview"].context)
        self.check_lagging_rows(pages, item_pages)
        lagging_pages = self.check_lists(summary, as_of, pages, lags)
        unit_pages = self.check_departments(summary, as_of, pages, item_pages, points)
        self.check_league(summary, as_of, pages)
        pages["lagging list"] = lagging_pages["project"]
        self.check_phases(summary, as_of, pages)
        overview_sheet = self.check_briefing_workbook(summary, as_of, pages, item_pages, lags)
        self.check_rule_text(campaign, pages)
        self.check_report_counts(summary, len(item_pages), pages, unit_pages, overview_sheet)
        self.check_annexes(campaign, summary, date)

    def check_summary_surfaces(self, summary, as_of):
        """The API and the overview, the screen and the briefing show the summary itself;
        returns those pages by name."""
        as_json = json.loads(JsonResponse(summary).content)
        self.assertEqual(self.page("/api/summary/", as_of).json(), as_json)
        pages = {
            "overview": self.page("/", as_of),
            "screen": self.page("/dashboards/screen/", as_of),
            "briefing": self.page("/dashboards/briefing/", as_of),
        }
        for name in ("overview", "screen", "briefing"):
            self.assertEqual(pages[name].context["summary"], summary, name)
        return pages

    def check_chart(self, summary, overview):
        """The cumulative chart ends, for each block it draws, on the block's planned to date."""
        drawn = [row for row in overview["series"] if "infrastructure_wan" in row]
        self.assertEqual(len(drawn), summary["reports"]["week"])
        for block in ("infrastructure", "competition"):
            self.assertEqual(
                drawn[-1][f"{block}_planned_wan"] if drawn else "0.00",
                summary[block]["planned_to_date_wan"],
                block,
            )
        self.assertEqual(len(overview["overdue_problems"]), min(5, summary["problems"]["overdue"]))

    def check_lagging_rows(self, pages, item_pages):
        """Every lagging row of the overview, screen and briefing has its item page's figures."""
        rows = [pages[name].context["lagging"] for name in ("overview", "screen", "briefing")]
        for row in [row for listed in rows for row in listed]:
            item = item_pages[(row["kind"], row["pk"])]
            self.assertEqual(row["lag"], LagStatus(item["lag"]).value, row["name"])
            self.assertEqual(row["completed_wan"], item["completed_wan"], row["name"])
            self.assertEqual(row["plan_percent"], item["plan_percent"], row["name"])

    def check_lists(self, summary, as_of, pages, lags):
        """The full lagging and missing lists count what the summary counts, and the top ten
        elsewhere are their first ten by gap; returns the lagging pages by kind."""
        red, yellow = (
            sum(summary[block]["lagging"][colour] for block in BLOCKS)
            for colour in ("red", "yellow")
        )
        lagging_pages = {
            kind: self.page("/dashboards/lagging/", as_of, kind=kind)
            for kind in ("project", "entry")
        }
        lagging = {kind: page.context["page_obj"] for kind, page in lagging_pages.items()}
        self.check_top_ten(
            [page.context["rows"] for page in lagging_pages.values()],
            {
                "overview": pages["overview"].context["lagging"],
                "briefing": pages["briefing"].context["lagging"],
            },
            pages["screen"].context["lagging"],
        )
        for lagging_rows in [page.context["rows"] for page in lagging_pages.values()]:
            for row in lagging_rows:
                self.assertEqual(row["lag"], lags[(row["kind"], row["pk"])], row["name"])
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
        return lagging_pages

    def check_departments(self, summary, as_of, pages, item_pages, points):
        """The department list adds up to the summary, each unit's page to its row, and the
        考核 workbook holds the ranking; returns each unit's (context, response)."""
        departments_page = self.page("/dashboards/departments/", as_of)
        pages["departments"] = departments_page
        rows = departments_page.context["rows"]
        for figure, total in (
            ("red", sum(summary[block]["lagging"]["red"] for block in BLOCKS)),
            ("yellow", sum(summary[block]["lagging"]["yellow"] for block in BLOCKS)),
            ("completed", sum(decimal(summary[block]["completed_wan"]) for block in BLOCKS)),
            ("problems_open", summary["problems"]["open"]),
            ("missing", summary["reports"]["missing"]),
        ):
            self.assertEqual(sum(row[figure] for row in rows), total, figure)
        assessment = departments_page.context["assessment"]
        unit_pages = {}
        for row in rows:
            response = self.page(f"/dashboards/departments/{row['department'].pk}/", as_of)
            page = response.context
            unit_pages[row["department"].pk] = (page, response)
            pages[f"unit {row['department']}"] = response
            figures = page["figures"]
            self.assertEqual(
                (figures["completed"], figures["red"], figures["yellow"]),
                (row["completed"], row["red"], row["yellow"]),
            )
            self.assertEqual(len(page["open_problems"]), min(10, row["problems_open"]))
            self.assertEqual(len(page["overdue"]), min(10, row["overdue"]))
            # the 考核 on the unit's page is its row of the ranking
            self.assertEqual(page["score"], assessment.of(row["department"]))
        sheet = workbook_rows(self.page("/dashboards/departments/assessment.xlsx", as_of).content)
        self.assertEqual(
            [(line[0], line[1], decimal(line[-1])) for line in sheet[3 : 3 + len(assessment.rows)]],
            [(row.rank, row.department.name, row.score) for row in assessment.rows],
        )
        self.assertEqual(sheet[3 + len(assessment.rows)][0], f"注：{assessment.rule}。")
        items_by_unit = {}
        for page in item_pages.values():
            items_by_unit.setdefault(page["item"].responsible_department_id, []).append(page)
        self.check_units(rows, unit_pages, items_by_unit, points, departments_page)
        return unit_pages

    def check_league(self, summary, as_of, pages):
        """The league: every entry, on the board its lag puts it on."""
        league_page = self.page("/dashboards/league/", as_of)
        pages["league"] = league_page
        league = league_page.context["rows"]
        self.assertEqual(len(league), summary["competition"]["count"])
        boards = [row["board"] for row in league]
        self.assertEqual(boards.count("black"), summary["competition"]["lagging"]["red"])
        on_plan = summary["competition"]["count"] - summary["competition"]["lagging"]["total"]
        self.assertEqual(boards.count("red"), on_plan)

    def check_phases(self, summary, as_of, pages):
        """The phase pages count the tasks the summary counts."""
        for phase in summary["phases"]:
            response = self.page(f"/dashboards/phases/{phase['kind']}/", as_of)
            self.assertEqual(response.context["tasks_done"], phase["tasks_done"], phase["kind"])
            if phase["kind"] == PhaseKind.ADVANCE:
                # its two KPI blocks, in the summary's colours, under the printed rule
                pages["advance phase"] = response
                self.assertEqual(
                    colours(response, "kpi-lag"),
                    [summary["infrastructure"]["lag"], summary["competition"]["lag"]],
                )
        self.assertEqual({p["kind"] for p in summary["phases"]}, set(PhaseKind.values))

    def check_briefing_workbook(self, summary, as_of, pages, item_pages, lags):
        """The briefing workbook's 总览, boards and 重点企业 sheets; returns its 总览 sheet."""
        workbook = self.page("/dashboards/briefing.xlsx", as_of).content
        overview_sheet = {row[0]: row[1] for row in workbook_rows(workbook, "总览") if row}
        self.assertEqual(
            decimal(overview_sheet["基础设施累计完成投资（万元）"]),
            decimal(summary["infrastructure"]["completed_wan"]),
        )
        league_page = pages["league"]
        league = league_page.context["rows"]
        screen = pages["screen"].context
        entry_sheet = workbook_rows(workbook, "附件2 争先杯")
        board_column = entry_sheet[3].index("榜单")
        self.check_boards(
            league,
            [*screen["red_board"], *screen["black_board"]],
            {pk: lag for (kind, pk), lag in lags.items() if kind == "entry"},
            league_page,
            [row[board_column] or "" for row in entry_sheet[4 : 4 + len(league)]],
        )
        self.check_ranks(
            league,
            [page for (kind, _pk), page in item_pages.items() if kind == "entry"],
            league_page,
        )
        key_sheet = workbook_rows(workbook, "附件4 重点企业")
        # the annex layout: 附件4, title, 单位, header; the data rows; 合计
        open_column = key_sheet[3].index("未解决（个）")
        self.assertEqual(
            sum(row[open_column] or 0 for row in key_sheet[4:] if row[0] != "合计"),
            summary["key_enterprises"]["problems_open"],
        )
        return overview_sheet

    def check_annexes(self, campaign, summary, date):
        """export_annex's 附件1 and 附件4 hold the summary's figures."""
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
