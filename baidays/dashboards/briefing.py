"""The weekly briefing (工作简报): the overview figures and annex tables as they stood on an
as-of date, as a print page and as an Excel workbook for the leading-group office."""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from baidays.dashboards.selectors import (
    KINDS,
    Scope,
    item_row,
    league_table,
    overview,
    rank_label,
)
from baidays.excel.export import FORMULA_TRIGGERS
from baidays.excel.printing import (
    DATE_FORMAT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    finish_sheet,
)
from core.lag import rule_text
from core.money import percent
from enterprises.models import KeyEnterprise
from projects.choices import Annex

HEADER_ROW = 4
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
LAG_FILL = {
    "red": PatternFill("solid", fgColor="F4B6B6"),
    "yellow": PatternFill("solid", fgColor="FFE8A3"),
}


# what apps above the dashboards add to the briefing (the closing app: its narrative); each
# part is called with (campaign, as_of, context) and returns the context it adds
_BRIEFING_PARTS = []


def register_briefing_part(part):
    if part not in _BRIEFING_PARTS:
        _BRIEFING_PARTS.append(part)


def briefing(campaign, as_of):
    scope = Scope(campaign, as_of)
    context = overview(campaign, as_of)
    context["scope"] = scope
    for part in _BRIEFING_PARTS:
        context.update(part(campaign, as_of, context))
    return context


def annex_rows(scope, annex):
    """Every item of one annex with its progress as of the scope (one query)."""
    projects = KINDS["project"]
    items = projects.with_lag(scope.campaign, scope).filter(annex=annex).order_by("seq")
    return [(item, item_row(item, projects, scope)) for item in items]


def key_enterprise_rows(scope):
    return list(
        KeyEnterprise.objects.active()
        .filter(campaign=scope.campaign)
        .with_service_figures(scope.as_of)
        .select_related("enterprise", "service_person", "responsible_department")
        .order_by("seq")
    )


def _sheet(workbook, title, heading, columns, rows, fills=None):
    """One annex sheet in the layout offices know: 附件N, the title, 单位：万元, the header row,
    the rows, 合计 of the money columns; printed A4 landscape with its header on every page."""
    sheet = workbook.create_sheet(title)
    width = len(columns)
    sheet.cell(row=1, column=1, value=title.split(" ", 1)[0]).font = Font(bold=True)
    sheet.cell(row=2, column=1, value=heading)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet["A2"].font = Font(bold=True, size=14)
    sheet["A2"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[2].height = 28
    unit = sheet.cell(row=3, column=width, value="单位：万元")
    unit.alignment = Alignment(horizontal="right")
    for position, (name, _width, _format) in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=position, value=name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    totals = {}
    for index, values in enumerate(rows):
        row_number = HEADER_ROW + 1 + index
        for position, ((_name, _width, number_format), value) in enumerate(
            zip(columns, values, strict=True), start=1
        ):
            cell = sheet.cell(row=row_number, column=position, value=value)
            cell.border = BORDER
            if number_format:
                cell.number_format = number_format
            if number_format == MONEY_FORMAT and value is not None:
                totals[position] = totals.get(position, Decimal("0")) + Decimal(value)
            if fills and fills[index]:
                cell.fill = fills[index]
    total_row = HEADER_ROW + 1 + len(rows)
    sheet.cell(row=total_row, column=1, value="合计").font = Font(bold=True)
    for position in range(1, width + 1):
        cell = sheet.cell(row=total_row, column=position)
        cell.border = BORDER
        if position in totals:
            cell.value = totals[position]
            cell.number_format = MONEY_FORMAT
            cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    finish_sheet(sheet, header_row=HEADER_ROW, last_row=total_row, landscape=True)
    return sheet


def _overview_lines(s):
    """(label, value, number format) of each figure on the 总览 sheet, from the summary `s`."""
    c = s["campaign"]
    lines = [
        ("时序进度（%）", c["time_percent"], PERCENT_FORMAT),
        ("当前阶段", c["phase"]["name"] if c["phase"] else "不在行动期内", ""),
        ("基础设施投资目标（万元）", s["infrastructure"]["target_wan"], MONEY_FORMAT),
        ("基础设施累计完成投资（万元）", s["infrastructure"]["completed_wan"], MONEY_FORMAT),
        ("基础设施投资完成率（%）", s["infrastructure"]["percent"], PERCENT_FORMAT),
        ("基础设施项目滞后（红/黄）", _lag_pair(s["infrastructure"]), ""),
        ("争先杯投资目标（万元）", s["competition"]["target_wan"], MONEY_FORMAT),
        ("争先杯累计完成投资（万元）", s["competition"]["completed_wan"], MONEY_FORMAT),
        ("争先杯投资完成率（%）", s["competition"]["percent"], PERCENT_FORMAT),
        ("争先杯项目滞后（红/黄）", _lag_pair(s["competition"]), ""),
    ]
    for goal in s["competition"]["goals"].values():
        lines.append(
            (f"争先杯{goal['label']}（实现/目标，家）", f"{goal['achieved']}/{goal['planned']}", "")
        )
    lines += [
        ("重点工业性投资项目累计完成（万元）", s["key_projects"]["completed_wan"], MONEY_FORMAT),
    ]
    for target in s["topics"]["land"]["targets"]:
        lines.append((f"{target['title']}（亩）", f"{target['achieved']}/{target['target']}", ""))
    approval = s["topics"]["approval"]
    power = s["topics"]["power"]
    plans = s["plans"]
    problems = s["problems"]
    reports = s["reports"]
    lines += [
        ("报批验收问题解决（家）", f"{approval['solved']}/{approval['target']}", ""),
        ("电力项目完成（项）", f"{power['done']}/{power['items']}", ""),
        (
            "规划节点完成/逾期",
            f"{plans['done']}/{plans['overdue']}（共 {plans['milestones']}）",
            "",
        ),
        (
            "困难和问题（未解决/逾期/已解决）",
            f"{problems['open']}/{problems['overdue']}/{problems['resolved']}",
            "",
        ),
        (
            f"第 {reports['week']} 周周报（应报 = 已通过 + 待审核 + 退回 + 未报）",
            f"{reports['expected']} = {reports['submitted']} + {reports['pending_review']}"
            f" + {reports['returned']} + {reports['missing']}",
            "",
        ),
    ]
    return lines


def _lagging_table(sheet, context):
    """The worst-lagging items under the rule applied, each with its colour."""
    sheet.append([])
    sheet.append(["滞后最严重的事项（按落后于本项目计划的百分点排序）"])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([f"颜色规则：{rule_text(context['scope'].campaign)}"])
    sheet.append(["类别", "名称", "责任单位", "落后（个百分点）", "滞后", "最近填报"])
    for row in context["lagging"]:
        sheet.append(
            [
                row["category"],
                row["name"],
                row["department"],
                row["gap"],
                row["lag_label"],
                f"第{row['last_report_week']}周" if row["last_report_week"] else "未填报",
            ]
        )
        sheet.cell(row=sheet.max_row, column=5).fill = LAG_FILL[row["lag"]]
        sheet.cell(row=sheet.max_row, column=4).number_format = PERCENT_FORMAT


def _overview_sheet(workbook, context):
    s = context["summary"]
    c = s["campaign"]
    sheet = workbook.active
    sheet.title = "总览"
    sheet.append([f"{c['name']} 工作简报"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"截至 {c['as_of']}，第 {c['day']} 天（共 {c['days_total']} 天）"])
    sheet.append(["", "单位：万元"])
    sheet["B3"].alignment = Alignment(horizontal="right")
    lines = _overview_lines(s)
    sheet.append(["指标", "数值"])
    header_row = sheet.max_row
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    # the completion rates in their block's colour (core.lag.aggregate_lag)
    coloured = {
        "基础设施投资完成率（%）": s["infrastructure"]["lag"],
        "争先杯投资完成率（%）": s["competition"]["lag"],
    }
    for label, value, number_format in lines:
        sheet.append([label, Decimal(value) if number_format else value])
        if number_format:
            sheet.cell(row=sheet.max_row, column=2).number_format = number_format
        if LAG_FILL.get(coloured.get(label)):
            sheet.cell(row=sheet.max_row, column=2).fill = LAG_FILL[coloured[label]]
    _lagging_table(sheet, context)
    for row in sheet.iter_rows(min_row=header_row, max_row=sheet.max_row, max_col=6):
        for cell in row:
            if cell.value is not None:
                cell.border = BORDER
    finish_sheet(sheet, header_row=header_row, last_row=sheet.max_row, landscape=False)


def _lag_pair(block):
    return f"{block['lagging']['red']}/{block['lagging']['yellow']}"


PROJECT_COLUMNS = [
    ("序号", 6, ""),
    ("项目名称", 36, ""),
    ("责任单位", 16, ""),
    ("百日计划投资（万元）", 14, MONEY_FORMAT),
    ("累计完成投资（万元）", 14, MONEY_FORMAT),
    ("投资完成率（%）", 12, PERCENT_FORMAT),
    ("形象进度", 26, ""),
    ("完成百分比（%）", 12, PERCENT_FORMAT),
    ("进度状态", 14, ""),
    ("最近填报周", 10, ""),
]


def _project_values(item, row):
    return [
        item.seq,
        item.name,
        row["department"],
        row["planned_wan"],
        row["completed_wan"],
        row["investment_percent"],
        row["progress_text"],
        row["latest_percent"],
        row["lag_label"],
        row["last_report_week"],
    ]


def _infrastructure_sheet(workbook, scope, as_of):
    """附件1: the infrastructure projects with their progress and lag."""
    infrastructure = annex_rows(scope, Annex.INFRASTRUCTURE)
    _sheet(
        workbook,
        "附件1 基础设施项目",
        f"附件1 基础设施建设项目进度（截至 {as_of}）",
        PROJECT_COLUMNS,
        [_project_values(item, row) for item, row in infrastructure],
        [LAG_FILL.get(row["lag"]) for _item, row in infrastructure],
    )


def _league_sheet(workbook, scope, as_of):
    """附件2: the 争先杯 entries in the league's order, with their board."""
    league = league_table(scope)
    _sheet(
        workbook,
        "附件2 争先杯",
        f"附件2 “争先杯”企业建设竞赛进度（截至 {as_of}，{rank_label(scope.campaign)}排名）",
        [
            ("名次", 6, ""),
            ("序号", 6, ""),
            ("企业名称", 30, ""),
            ("项目名称", 30, ""),
            ("建设类型", 10, ""),
            ("百日计划投资（万元）", 14, MONEY_FORMAT),
            ("累计完成投资（万元）", 14, MONEY_FORMAT),
            ("投资完成率（%）", 12, PERCENT_FORMAT),
            ("目标实现日期", 14, DATE_FORMAT),
            ("榜单", 8, ""),
        ],
        [
            [
                row["rank"],
                row["entry"].seq,
                row["entry"].enterprise.name,
                row["entry"].project_name,
                row["entry"].get_goal_display(),
                row["entry"].planned_investment_wan,
                row["entry"].completed_investment_wan,
                row["share"],
                row["achieved_on"] or "未实现",
                {"red": "红榜", "black": "黑榜"}.get(row["board"], ""),
            ]
            for row in league
        ],
        [LAG_FILL.get(row["lag"]) for row in league],
    )


def _key_projects_sheet(workbook, scope, as_of):
    """附件3: the key industrial projects, with owner and annual plan."""
    key_projects = annex_rows(scope, Annex.KEY_INDUSTRIAL)
    _sheet(
        workbook,
        "附件3 重点工业项目",
        f"附件3 重点工业性投资项目进度（截至 {as_of}）",
        [*PROJECT_COLUMNS[:2], ("业主单位", 24, ""), ("年度计划投资（万元）", 14, MONEY_FORMAT)]
        + PROJECT_COLUMNS[2:],
        [
            [*values[:2], item.owner_name, item.annual_planned_wan, *values[2:]]
            for item, row in key_projects
            for values in [_project_values(item, row)]
        ],
        [LAG_FILL.get(row["lag"]) for _item, row in key_projects],
    )


def _key_enterprises_sheet(workbook, scope, as_of):
    """附件4: the “2112” key enterprises' visits and problems."""
    _sheet(
        workbook,
        "附件4 重点企业",
        f"附件4 “2112”重点企业服务情况（截至 {as_of}）",
        [
            ("序号", 6, ""),
            ("企业名称", 30, ""),
            ("企业类别", 14, ""),
            ("联系县领导", 12, ""),
            ("服务责任人", 12, ""),
            ("责任单位", 16, ""),
            ("走访次数", 10, ""),
            ("反映问题（个）", 12, ""),
            ("未解决（个）", 12, ""),
            ("问题解决率（%）", 12, PERCENT_FORMAT),
        ],
        [
            [
                record.seq,
                record.enterprise.name,
                record.get_category_display(),
                record.liaison_leader,
                record.service_person.name if record.service_person else "",
                record.responsible_department.name,
                record.visit_count,
                record.problems_total,
                record.open_problem_count,
                percent(record.resolved_problem_count, record.problems_total),
            ]
            for record in key_enterprise_rows(scope)
        ],
    )


def briefing_workbook(context):
    """The briefing as an .xlsx: 总览 plus one sheet per annex. Money stays Decimal."""
    scope = context["scope"]
    workbook = Workbook()
    _overview_sheet(workbook, context)
    as_of = scope.as_of.isoformat()
    for annex_sheet in (
        _infrastructure_sheet,
        _league_sheet,
        _key_projects_sheet,
        _key_enterprises_sheet,
    ):
        annex_sheet(workbook, scope, as_of)
    keep_text_as_text(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def keep_text_as_text(workbook):
    """The briefing writes no formulas: a name typed as "=HYPERLINK(...)" or "+86 ..." would
    otherwise run as one when the workbook is opened (formula injection)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
