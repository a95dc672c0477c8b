"""The consistency test's checks of colours, boards, order and report counts
(test_consistency.py): every colour a page shows is what the rule it prints says of the figures
it shows, the 红黑榜 puts an entry on the 黑榜 exactly when that rule makes it red, the top ten
are the lagging lists' first ten by gap, and every report count is 应报 = 已通过 + 待审核 + 退回
+ 未报. The rule is read back from the printed text and applied here, independently of
core.lag."""

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

from baidays.dashboards.selectors import BOARD_RULE, by_gap
from baidays.dashboards.views import SCREEN_LAGGING_ROWS
from core.campaign_settings import CampaignRules
from core.lag import rule_text
from core.models import Campaign

GREEN, YELLOW, RED = "green", "yellow", "red"
BOARD_OF_LAG = {GREEN: "red", YELLOW: "", RED: "black"}


class Marked(HTMLParser):
    """[(data-testid, class, text)] of the elements of a page that carry a data-testid."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}

    def __init__(self, html):
        super().__init__()
        self.found, self.open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        entry = None
        if "data-testid" in attrs:
            entry = [attrs["data-testid"], attrs.get("class") or "", ""]
            self.found.append(entry)
        self.open.append(entry)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        for entry in self.open:
            if entry is not None:
                entry[2] += f" {data}"

    def of(self, testid):
        return [(cls, " ".join(text.split())) for key, cls, text in self.found if key == testid]


def marked(response):
    return Marked(response.content.decode())


def printed_thresholds(text):
    """(points, weeks) as the printed rule states them."""
    points = re.search(r"低于超过 ([0-9.]+) 个百分点", text)
    weeks = re.search(r"连续 (\d+) 个周报周为黄色", text)
    return Decimal(points.group(1)), int(weeks.group(1))


def by_printed_rule(completed, planned, due, points):
    """The week's colour by the printed rule: below the plan is yellow, below it by more than
    `points` of the planned investment is red (no planned investment: nothing to lag)."""
    completed, planned, due = Decimal(completed), Decimal(planned), Decimal(due)
    if planned <= 0 or completed >= due:
        return GREEN
    return RED if (due - completed) * 100 > planned * points else YELLOW


def colours(response, testid):
    """The lag colour of each element marked `testid` (its lag-… or c-… class)."""
    found = []
    for cls, _text in marked(response).of(testid):
        found += [
            token.split("-", 1)[1] for token in cls.split() if token.startswith(("lag-", "c-"))
        ]
    return found


def numbers(text):
    return [int(n) for n in re.findall(r"\d+", text)]


class RuleChecks:
    """Mixed into Surfaces (a unittest.TestCase): the checks above."""

    def check_rule_text(self, campaign, pages):
        """Every page prints the campaign's rule as it applies it; returns its points."""
        text = rule_text(campaign)
        points, weeks = printed_thresholds(text)
        rules = CampaignRules.of(Campaign.objects.get(pk=campaign.pk))
        self.assertEqual((points, weeks), (rules.yellow_points, rules.yellow_weeks_to_red))
        for name, response in pages.items():
            printed = [body for _cls, body in marked(response).of("lag-rule")]
            self.assertTrue(printed, f"{name} prints no colour rule")
            for body in printed:
                self.assertIn(text, body, name)
        return points

    def check_item(self, page, points):
        """An item page's colour against the printed rule: the week's comparison decides, and
        red also follows a run of yellow weeks (then the week itself is yellow)."""
        week = by_printed_rule(
            page["completed_wan"],
            page["item"].planned_investment_wan,
            page["planned_to_date_wan"],
            points,
        )
        lag = page["lag"].value if hasattr(page["lag"], "value") else page["lag"]
        allowed = {GREEN: {GREEN}, YELLOW: {YELLOW, RED}, RED: {RED}}[week]
        self.assertIn(lag, allowed, str(page["item"]))
        return lag

    def check_totals(self, summary, blocks_items, points, pages):
        """Each KPI block's colour is the printed rule applied to its totals, its totals are
        those of its items' pages, and the overview, the big screen and the briefing show it."""
        expected_of = {}
        for key, items in blocks_items.items():
            block = summary[key]
            self.assertEqual(
                Decimal(block["planned_to_date_wan"]),
                sum((item["planned_to_date_wan"] for item in items), Decimal(0)),
                key,
            )
            expected = by_printed_rule(
                block["completed_wan"], block["planned_wan"], block["planned_to_date_wan"], points
            )
            self.assertEqual(block["lag"], expected, key)
            expected_of[key] = expected
        order = ["infrastructure", "competition", "key_projects"]
        for name, keys in (("overview", order), ("briefing", order), ("screen", order[:2])):
            shown = colours(pages[name], "kpi-lag")
            self.assertEqual(shown, [expected_of[key] for key in keys], name)

    def check_units(self, rows, unit_pages, items_by_unit, points, departments_page):
        """Each unit's colour is the printed rule applied to its totals (its items' pages
        summed), the same on the unit list and the unit's page."""
        shown = colours(departments_page, "unit-lag")
        expected_colours = []
        for row in rows:
            items = items_by_unit.get(row["department"].pk, [])
            due = sum((item["planned_to_date_wan"] for item in items), Decimal(0))
            planned = sum((item["item"].planned_investment_wan for item in items), Decimal(0))
            self.assertEqual((row["planned"], Decimal(row["due_cents"]) / 100), (planned, due))
            expected = by_printed_rule(row["completed"], planned, due, points)
            self.assertEqual(row["lag"], expected, row["department"])
            if row["items"]:
                expected_colours.append(expected)
            context, response = unit_pages[row["department"].pk]
            self.assertEqual(context["figures"]["lag"], expected, row["department"])
            on_page = colours(response, "unit-lag")
            self.assertEqual(on_page, [expected] if row["items"] else [])
        self.assertEqual(shown, expected_colours)

    def check_ranks(self, league, entries, league_page):
        """The 红黑榜's order is the one its printed ranking rule states, worked out here from
        the entries' own pages: by 投资完成率, or by points ahead of the entry's own plan; ties
        by the amount completed, then 序号."""
        printed = " ".join(body for _cls, body in marked(league_page).of("rank-rule"))
        by_plan = "超前于本项目进度计划的百分点" in printed
        self.assertTrue(by_plan or "按百日计划投资完成率" in printed, printed)

        def key(page):
            item = page["item"]
            planned = item.planned_investment_wan
            done = Decimal(page["completed_wan"])
            if not planned:
                first = Decimal(0)
            elif by_plan:
                first = (done - page["planned_to_date_wan"]) / planned
            else:  # the rate as printed, two places: equal rates are ties
                first = (done * 100 / planned).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return (-first, -done, item.seq)

        expected = [page["item"].pk for page in sorted(entries, key=key)]
        self.assertEqual([row["pk"] for row in league], expected, printed)

    def check_boards(self, league, screen_league, entry_lags, league_page, briefing_boards):
        """An entry is on the 黑榜 exactly when the printed rule makes it red, on the 红榜 when
        it is not behind its plan; the league page prints that, and the big screen and the
        briefing workbook show the same boards."""
        rule = " ".join(body for _cls, body in marked(league_page).of("board-rule"))
        self.assertIn(BOARD_RULE, rule)
        self.assertIn("红色（严重滞后）的列入黑榜", rule)
        boards = {row["pk"]: row["board"] for row in league}
        self.assertEqual(boards, {pk: BOARD_OF_LAG[lag] for pk, lag in entry_lags.items()})
        for row in screen_league:
            self.assertEqual(row["board"], boards[row["pk"]])
        labels = {"red": "红榜", "black": "黑榜", "": ""}
        self.assertEqual(briefing_boards, [labels[row["board"]] for row in league])

    def check_top_ten(self, full_lists, tops, screen_rows):
        """The lagging lists are ordered by gap, and the top ten everywhere are their first
        ten by gap, both kinds together."""
        every = []
        for rows in full_lists:
            gaps = [row["gap"] for row in rows]
            self.assertEqual(gaps, sorted(gaps, reverse=True))
            every += rows
        first_ten = [(row["kind"], row["pk"]) for row in sorted(every, key=by_gap)[:10]]
        for name, rows in tops.items():
            self.assertEqual([(row["kind"], row["pk"]) for row in rows], first_ten, name)
            gaps = [row["gap"] for row in rows]
            self.assertEqual(gaps, sorted(gaps, reverse=True), name)
        # the big screen shows the first SCREEN_LAGGING_ROWS of the same ten
        self.assertEqual(
            [(row["kind"], row["pk"]) for row in screen_rows], first_ten[:SCREEN_LAGGING_ROWS]
        )

    def check_report_counts(self, summary, active_items, pages, unit_pages, briefing_sheet):
        """应报 = 已通过 + 待审核 + 退回 + 未报 on every surface that shows report counts."""
        reports = summary["reports"]
        parts = [reports[k] for k in ("submitted", "pending_review", "returned", "missing")]
        self.assertEqual(reports["expected"], sum(parts))
        if reports["week"]:
            self.assertEqual(reports["expected"], active_items)
            self.assertTrue(all(part >= 0 for part in parts))
        whole = [reports["expected"], *parts]
        overview = marked(pages["overview"]).of("report-counts")
        self.assertEqual(numbers(overview[0][1]), whole)
        screen = marked(pages["screen"]).of("report-counts")
        self.assertEqual(numbers(screen[0][1]), [reports["week"], *whole])
        briefing = marked(pages["briefing"]).of("report-counts")
        self.assertEqual(numbers(briefing[0][1])[:6], [reports["week"], *whole])
        line = next(value for label, value in briefing_sheet.items() if "应报 =" in str(label))
        self.assertEqual(numbers(line), whole)
        # every unit row anywhere: 应报 is the sum of its four parts
        for name in ("overview", "screen"):
            for _cls, text in marked(pages[name]).of("report-counts")[1:]:
                row = numbers(text)[-5:]
                self.assertEqual(row[0], sum(row[1:]), (name, text))
        totals = [0] * 5
        for context, response in unit_pages.values():
            rows = marked(response).of("report-counts")
            self.assertEqual(len(rows), len(context["reporting"]))
            for (_cls, text), row in zip(rows, context["reporting"], strict=True):
                shown = numbers(text)[-5:]
                self.assertEqual(
                    shown,
                    [row[k] for k in ("expected", "approved", "pending", "returned", "missing")],
                )
                self.assertEqual(shown[0], sum(shown[1:]))
            if context["reporting"]:
                current = context["reporting"][0]
                for n, key in enumerate(("expected", "approved", "pending", "returned", "missing")):
                    totals[n] += current[key]
        if reports["week"]:
            self.assertEqual(totals, whole)
