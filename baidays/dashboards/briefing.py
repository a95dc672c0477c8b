"""The weekly briefing (工作简报): the overview figures and annex tables as they stood on an
as-of date, as a print page and as an Excel workbook for the leading-group office."""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from baidays.dashboards.selectors import PROJECTS, Scope, item_row, league_table, overview
from baidays.excel.export import FORMULA_TRIGGERS
from core.money import percent
from enterprises.models import KeyEnterprise
from projects.choices import Annex

MONEY_FORMAT = "#,##0.00"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
LAG_FILL = {
    "red": PatternFill("solid", fgColor="F4B6B6"),
    "yellow": PatternFill("solid", fgColor="FFE8A3"),
}


def briefing(campaign, as_of):
    scope = Scope(campaign, as_of)
    context = overview(campaign, as_of)
    context["scope"] = scope
    return context


def annex_rows(scope, annex):
    """Every item of one annex with its progress as of the scope (one query)."""
    items = PROJECTS.with_lag(scope.campaign, scope).filter(annex=annex).order_by("seq")
    return [(item, item_row(item, PROJECTS, scope)) for item in items]


def key_enterprise_rows(scope):
    return list(
        KeyEnterprise.objects.active()
        .filter(campaign=scope.campaign)
        .with_service_figures(scope.as_of)
        .select_related("enterprise", "service_person", "responsible_department")
        .order_by("seq")
    )


def _sheet(workbook, title, heading, columns, rows, fills=None):
    sheet = workbook.create_sheet(title)
    sheet.append([heading])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([name for name, _width, _format in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, values in enumerate(rows):
        sheet.append(list(values))
        row_number = sheet.max_row
        for position, (_name, _width, number_format) in enumerate(columns, start=1):
            cell = sheet.cell(row=row_number, column=position)
            cell.border = BORDER
            if number_format:
                cell.number_format = number_format
            if fills and fills[index]:
                cell.fill = fills[index]
    for position, (_name, width, _format) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A3"
    return sheet


def _overview_sheet(workbook, context):
    s = context["summary"]
    c = s["campaign"]
    sheet = workbook.active
    sheet.title = "总览"
    sheet.append([f"{c['name']} 工作简报"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"截至 {c['as_of']}，第 {c['day']} 天（共 {c['days_total']} 天）"])
    lines = [
        ("时序进度（%）", c["time_percent"], ""),
        ("当前阶段", c["phase"]["name"] if c["phase"] else "不在行动期内", ""),
        ("基础设施投资目标（万元）", s["infrastructure"]["target_wan"], MONEY_FORMAT),
        ("基础设施累计完成投资（万元）", s["infrastructure"]["completed_wan"], MONEY_FORMAT),
        ("基础设施投资完成率（%）", s["infrastructure"]["percent"], "0.00"),
        ("基础设施项目滞后（红/黄）", _lag_pair(s["infrastructure"]), ""),
        ("争先杯投资目标（万元）", s["competition"]["target_wan"], MONEY_FORMAT),
        ("争先杯累计完成投资（万元）", s["competition"]["completed_wan"], MONEY_FORMAT),
        ("争先杯投资完成率（%）", s["competition"]["percent"], "0.00"),
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
            f"第 {reports['week']} 周周报（应报/已报/未报）",
            f"{reports['expected']}/{reports['submitted']}/{reports['missing']}",
            "",
        ),
    ]
    sheet.append([])
    sheet.append(["指标", "数值"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for label, value, number_format in lines:
        sheet.append([label, Decimal(value) if number_format else value])
        if number_format:
            sheet.cell(row=sheet.max_row, column=2).number_format = number_format
    sheet.append([])
    sheet.append(["滞后最严重的事项"])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append(["类别", "名称", "责任单位", "完成百分比（%）", "滞后", "最近填报"])
    for row in context["lagging"]:
        sheet.append(
            [
                row["category"],
                row["name"],
                row["department"],
                row["latest_percent"],
                row["lag_label"],
                f"第{row['last_report_week']}周" if row["last_report_week"] else "未填报",
            ]
        )
        sheet.cell(row=sheet.max_row, column=5).fill = LAG_FILL[row["lag"]]
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 18
    sheet.column_dimensions["D"].width = 14


def _lag_pair(block):
    return f"{block['lagging']['red']}/{block['lagging']['yellow']}"


PROJECT_COLUMNS = [
    ("序号", 6, ""),
    ("项目名称", 36, ""),
    ("责任单位", 16, ""),
    ("百日计划投资（万元）", 14, MONEY_FORMAT),
    ("累计完成投资（万元）", 14, MONEY_FORMAT),
    ("投资完成率（%）", 12, "0.00"),
    ("形象进度", 26, ""),
    ("完成百分比（%）", 12, "0.00"),
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


def briefing_workbook(context):
    """The briefing as an .xlsx: 总览 plus one sheet per annex. Money stays Decimal."""
    scope = context["scope"]
    workbook = Workbook()
    _overview_sheet(workbook, context)
    as_of = scope.as_of.isoformat()
    infrastructure = annex_rows(scope, Annex.INFRASTRUCTURE)
    _sheet(
        workbook,
        "附件1 基础设施项目",
        f"附件1 基础设施建设项目进度（截至 {as_of}）",
        PROJECT_COLUMNS,
        [_project_values(item, row) for item, row in infrastructure],
        [LAG_FILL.get(row["lag"]) for _item, row in infrastructure],
    )
    league = league_table(scope)
    _sheet(
        workbook,
        "附件2 争先杯",
        f"附件2 “争先杯”企业建设竞赛进度（截至 {as_of}，按投资完成率排名）",
        [
            ("名次", 6, ""),
            ("序号", 6, ""),
            ("企业名称", 30, ""),
            ("项目名称", 30, ""),
            ("建设类型", 10, ""),
            ("百日计划投资（万元）", 14, MONEY_FORMAT),
            ("累计完成投资（万元）", 14, MONEY_FORMAT),
            ("投资完成率（%）", 12, "0.00"),
            ("目标实现日期", 14, ""),
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
                row["achieved_on"].isoformat() if row["achieved_on"] else "未实现",
                {"red": "红榜", "black": "黑榜"}.get(row["board"], ""),
            ]
            for row in league
        ],
        [LAG_FILL.get(row["lag"]) for row in league],
    )
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
            ("问题解决率（%）", 12, "0.00"),
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
    _keep_text_as_text(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _keep_text_as_text(workbook):
    """The briefing writes no formulas: a name typed as "=HYPERLINK(...)" or "+86 ..." would
    otherwise run as one when the workbook is opened (formula injection)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
