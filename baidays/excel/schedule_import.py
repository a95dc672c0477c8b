"""Reading 进度计划 workbooks: one row per tracked item, named as in the annexes (附件2 by
enterprise and project name, or the project name alone when unique; an optional 附件 column
tells a 附件3 project from the 争先杯 entry of the same works), one column per period —
第1周…第N周, a date (its report week) or a month (spread evenly over the report weeks that end
in it). Amounts are 万元 unless the column or a 单位 line says otherwise (the annex reader's unit
rules). Any bad row refuses the whole file, naming its Excel row and column; nothing is saved."""

import calendar
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.db import transaction
from openpyxl.utils import get_column_letter

from baidays.excel.errors import CellError, RowErrors, RowProblem, WorkbookError
from baidays.excel.headers import normalize_header, split_unit
from baidays.excel.parsers import MonthOnly, normalize, parse_amount, parse_date, parse_text
from baidays.excel.safety import check_workbook
from baidays.excel.workbook import open_workbook, visible_sheets
from core.money import ZERO
from enterprises.models import CompetitionEntry
from projects.models import Project
from supervision.schedules.choices import ScheduleSource
from supervision.schedules.services import check_weeks, replace_schedule

NAME_HEADERS = {"项目名称", "工程名称", "参赛项目名称"}
ENTERPRISE_HEADERS = {"企业名称", "企业", "参赛企业"}
# a 附件3 project and the 争先杯 entry of the same works carry the same name (and owner): the
# 附件 column says which one a row means
ANNEX_HEADERS = {"附件", "所属附件"}
_ANNEX = re.compile(r"^(?:附件)?([123])$")
_WEEK = re.compile(r"^第(\d{1,3})周$")
_UNIT_LINE = re.compile(r"(?:金额)?单位[:：]?(亿元|万元|元)")
_TOTAL_ROW = re.compile(r"^(合计|小计|总计)")


@dataclass
class ScheduleImport:
    updated: list = field(default_factory=list)  # (item, {week: amount})
    dry_run: bool = False

    def __str__(self):
        verb = "将更新" if self.dry_run else "已更新"
        return f"{verb} {len(self.updated)} 个项目的进度计划"


@dataclass
class PeriodColumn:
    index: int
    header: str
    weeks: list  # the report weeks the column's amount goes to, evenly
    unit: str

    @property
    def label(self):
        return f"{get_column_letter(self.index + 1)}（{self.header}）"


def _period_weeks(campaign, text, cell):
    """The report weeks a period header means, or None when the header is not a period; a
    CellError when it is one outside the campaign."""
    week = _WEEK.match(normalize(text))
    if week:
        number = int(week.group(1))
        if not 1 <= number <= campaign.weeks_total:
            raise CellError(f"本次百日行动只有第1周至第{campaign.weeks_total}周")
        return [number]
    span = _month_or_xun(campaign, normalize(text))
    if span is not None:
        return _weeks_ending_in(campaign, *span)
    try:
        day = parse_date(cell)
    except CellError:
        return None
    if day is None:
        return None
    if isinstance(day, MonthOnly):
        return _weeks_ending_in(campaign, day, _month_end(day.year, day.month), str(day))
    if not campaign.contains(day):
        raise CellError(f"{day:%Y-%m-%d} 不在本次百日行动内")
    return [campaign.week_of(day)]


_MONTH_OR_XUN = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:份)?(上旬|中旬|下旬)?$")
_XUN_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}


def _month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _month_or_xun(campaign, text):
    """(first day, last day, label) of a "5月" / "2026年5月" / "5月上旬" header, or None. A month
    without its year is the campaign's (the year in which that month meets the campaign)."""
    match = _MONTH_OR_XUN.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    month, xun = int(match.group(2)), match.group(3)
    years = [int(match.group(1))] if match.group(1) else _campaign_years(campaign)
    year = next((y for y in years if datetime.date(y, month, 1) <= campaign.end_date), years[0])
    first, last = datetime.date(year, month, 1), _month_end(year, month)
    if xun:
        low, high = _XUN_DAYS[xun]
        first, last = first.replace(day=low), min(last, first.replace(day=min(high, last.day)))
    return first, last, f"{year}年{month}月{xun or ''}"


def _campaign_years(campaign):
    return list(range(campaign.start_date.year, campaign.end_date.year + 1))


def _weeks_ending_in(campaign, first, last, label):
    """The report weeks whose last day (the campaign's last day for the last week) falls in
    [first, last]: a period's amount is planned by its end, so the cumulative plan at each
    period's end equals the file's."""
    weeks = [
        number
        for number in range(1, campaign.weeks_total + 1)
        if first <= min(campaign.week_end(number), campaign.end_date) <= last
    ]
    if not weeks:
        raise CellError(f"{label} 内没有本次百日行动的周报截止日")
    return weeks


def _spread(amount, count):
    """`amount` split into `count` two-place parts that add up to it exactly."""
    cents = int(amount * 100)
    share, rest = divmod(cents, count)
    return [Decimal(share + (1 if number < rest else 0)) / 100 for number in range(count)]


class _Reader:
    def __init__(self, campaign):
        self.campaign = campaign
        self.problems = []
        self.projects = defaultdict(list)
        for project in Project.objects.filter(campaign=campaign):
            self.projects[normalize(project.name)].append(project)
        self.entries = defaultdict(list)
        for entry in CompetitionEntry.objects.filter(campaign=campaign).select_related(
            "enterprise"
        ):
            self.entries[normalize(entry.project_name)].append(entry)

    def refuse(self, row, column, reason):
        self.problems.append(RowProblem(row, column, reason))

    def header(self, rows):
        """(row number, name column, enterprise column, annex column, period columns) of the
        header row."""
        unit = "万元"
        for number, cells in rows:
            texts = [normalize_header(cell) if cell is not None else "" for cell in cells]
            line = _UNIT_LINE.search("".join(texts))
            if line and not any(text in NAME_HEADERS for text in texts):
                unit = line.group(1)
            if not any(text in NAME_HEADERS for text in texts):
                continue
            name_column = next(i for i, text in enumerate(texts) if text in NAME_HEADERS)
            enterprise_column = next(
                (i for i, text in enumerate(texts) if text in ENTERPRISE_HEADERS), None
            )
            annex_column = next((i for i, text in enumerate(texts) if text in ANNEX_HEADERS), None)
            periods = []
            for index, cell in enumerate(cells):
                if cell is None or index in (name_column, enterprise_column, annex_column):
                    continue
                text, column_unit = split_unit(normalize_header(cell))
                column = f"{get_column_letter(index + 1)}（{parse_text(cell)}）"
                try:
                    weeks = _period_weeks(self.campaign, text, cell)
                except CellError as error:
                    self.refuse(number, column, f"时段{error}")
                    continue
                if weeks:
                    periods.append(
                        PeriodColumn(index, parse_text(cell), weeks, column_unit or unit)
                    )
            if not periods and not self.problems:
                raise WorkbookError(
                    "表头中没有时段列（应为 第1周…第N周、日期、月份如“5月”或旬如“5月上旬”）"
                )
            return number, name_column, enterprise_column, annex_column, periods
        raise WorkbookError("找不到表头：应有“项目名称”列")

    def item(self, number, name, enterprise_name, column, annex=None):
        key = normalize(name)
        projects = [p for p in self.projects.get(key, []) if annex in (None, p.annex)]
        entries = self.entries.get(key, []) if annex in (None, 2) else []
        if enterprise_name:
            entries = [e for e in entries if normalize(e.enterprise.name) == enterprise_name]
            # an enterprise names an entry, unless the 附件 column says the row is a project's
            projects = projects if annex in (1, 3) else []
        candidates = projects + entries
        if not candidates:
            where = f"附件{annex}中" if annex is not None else "本次百日行动中"
            self.refuse(number, column, f"{where}没有名为“{name}”的项目")
            return None
        if len(candidates) > 1:
            hint = "“附件”列（附件1、附件2 或 附件3）" if projects else "企业名称"
            self.refuse(number, column, f"名为“{name}”的项目不止一个，请填写{hint}")
            return None
        return candidates[0]

    def annex(self, number, cells, annex_column):
        """The row's 附件 (1, 2 or 3), None when the workbook or the row does not say; a bad
        value is refused."""
        if annex_column is None or annex_column >= len(cells) or cells[annex_column] is None:
            return None
        text = normalize(parse_text(cells[annex_column]))
        if not text:
            return None
        found = _ANNEX.match(text)
        if not found:
            label = f"{get_column_letter(annex_column + 1)}（附件）"
            self.refuse(number, label, f"“{text}”应为 附件1、附件2 或 附件3")
            return False
        return int(found.group(1))

    def row_weeks(self, number, cells, periods):
        weeks = defaultdict(lambda: ZERO)
        for period in periods:
            value = cells[period.index] if period.index < len(cells) else None
            try:
                amount = parse_amount(value, period.unit)
            except CellError as error:
                self.refuse(number, period.label, str(error))
                continue
            if amount is None:
                continue
            for week, part in zip(period.weeks, _spread(amount, len(period.weeks)), strict=True):
                weeks[week] += part
        return dict(weeks)

    def read(self, sheet):
        rows = list(sheet.rows())
        header_row, name_column, enterprise_column, annex_column, periods = self.header(rows)
        name_label = f"{get_column_letter(name_column + 1)}（项目名称）"
        schedules, seen = [], {}
        for number, cells in rows:
            if number <= header_row:
                continue
            name = parse_text(cells[name_column]) if name_column < len(cells) else ""
            if not name or _TOTAL_ROW.match(normalize(name)):
                continue
            enterprise = ""
            if enterprise_column is not None and enterprise_column < len(cells):
                enterprise = normalize(cells[enterprise_column])
            annex = self.annex(number, cells, annex_column)
            item = (
                None if annex is False else self.item(number, name, enterprise, name_label, annex)
            )
            weeks = self.row_weeks(number, cells, periods)
            if item is None:
                continue
            key = (item._meta.label, item.pk)
            if key in seen:
                self.refuse(number, name_label, f"与第 {seen[key]} 行是同一个项目")
                continue
            seen[key] = number
            for reason in check_weeks(item, weeks):
                self.refuse(number, "各时段合计", reason)
            schedules.append((item, weeks))
        return schedules


def _file_name(source, filename):
    """The workbook's name for the schedule's history (never its directory)."""
    name = filename or (str(source) if isinstance(source, (str, PurePath)) else "")
    return PurePath(name).name or "工作簿"


def import_schedule(*, source, campaign, dry_run=False, filename=None):
    data = check_workbook(source, filename=filename)
    sheets = visible_sheets(open_workbook(data))
    if not sheets:
        raise WorkbookError("文件中没有工作表")
    reader = _Reader(campaign)
    schedules = reader.read(sheets[0])
    if reader.problems:
        raise RowErrors(reader.problems)
    result = ScheduleImport(updated=schedules, dry_run=dry_run)
    if not dry_run:
        with transaction.atomic():
            for item, weeks in schedules:
                # a new version from now on (none when the row equals the current schedule)
                replace_schedule(
                    item=item,
                    weeks=weeks,
                    source=ScheduleSource.IMPORT,
                    note=f"导入 {_file_name(source, filename)}",
                )
    return result


def weeks_of_periods(campaign, periods):
    """{report week: 万元} of an annex row's month (or 旬) parts [(header, amount)], by the
    rule of the schedule import (each period's amount spread evenly over the report weeks that
    end in it); CellError when a period has no report week."""
    weeks = defaultdict(lambda: ZERO)
    for period, amount in periods:
        span = _month_or_xun(campaign, normalize(split_unit(normalize_header(period))[0]))
        if span is None:
            raise CellError(f"“{period}”不是月份或旬")
        found = _weeks_ending_in(campaign, *span)
        for week, part in zip(found, _spread(amount, len(found)), strict=True):
            weeks[week] += part
    return dict(weeks)
