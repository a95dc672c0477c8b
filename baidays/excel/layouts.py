"""The four annex layouts: which columns each has, how each cell is read and which must be
there. Which header means which column is the concept table's business (concepts.py); imports
place columns by what their headers mean, never by position."""

from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError

from baidays.excel import parsers
from baidays.excel.errors import CellError
from core.bounds import TEXT_MAX
from core.validators import validate_visible_name
from enterprises.choices import CompetitionGoal, KeyEnterpriseCategory

TEXT, AMOUNT, DATE, SEQ, GOAL, CATEGORY = "text", "amount", "date", "seq", "goal", "category"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header the portal writes (export, templates, messages)
    kind: str = TEXT
    required: bool = False  # every data row must have a value
    in_header: bool = False  # the header must have this column
    width: int = 12
    max_length: int = 0
    month_flag: str = ""  # a date column: the field that says the file gave only the month


# the columns that name a project, an enterprise, a unit or a person: the models refuse
# invisible and bidi control characters in them, so the import does too (by row and column)
NAME_KEYS = {
    "name",
    "project_name",
    "enterprise_name",
    "owner_name",
    "responsible_department",
    "responsible_leader",
    "liaison_leader",
    "service_person",
}

# the 争先杯 goals as other counties' tables write them, in a 建设类型 column or a section row
GOAL_SPELLINGS = {
    "开工": CompetitionGoal.START,
    "新开工": CompetitionGoal.START,
    "计划新开工": CompetitionGoal.START,
    "拟开工": CompetitionGoal.START,
    "计划开工": CompetitionGoal.START,
    "加快推进": CompetitionGoal.ACCELERATE,
    "续建": CompetitionGoal.ACCELERATE,
    "推进": CompetitionGoal.ACCELERATE,
    "在建": CompetitionGoal.ACCELERATE,
    "续建推进": CompetitionGoal.ACCELERATE,
    "加快建设": CompetitionGoal.ACCELERATE,
    "竣工": CompetitionGoal.COMPLETE,
    "竣工投产": CompetitionGoal.COMPLETE,
    "建成投产": CompetitionGoal.COMPLETE,
    "竣工验收": CompetitionGoal.COMPLETE,
    "投产": CompetitionGoal.COMPLETE,
    "建成": CompetitionGoal.COMPLETE,
}
CATEGORY_SPELLINGS = {
    **{choice.label: choice for choice in KeyEnterpriseCategory},
    "龙头企业": KeyEnterpriseCategory.LEADING,
    "骨干企业": KeyEnterpriseCategory.LEADING,
    "龙头骨干": KeyEnterpriseCategory.LEADING,
    "规上龙头": KeyEnterpriseCategory.LEADING,
    "成长型": KeyEnterpriseCategory.GROWTH,
    "成长": KeyEnterpriseCategory.GROWTH,
    "科技型": KeyEnterpriseCategory.TECH,
    "科技": KeyEnterpriseCategory.TECH,
    "高新技术": KeyEnterpriseCategory.TECH,
    "科技型中小": KeyEnterpriseCategory.TECH,
    "新引进": KeyEnterpriseCategory.NEW,
    "新办": KeyEnterpriseCategory.NEW,
    "新投产": KeyEnterpriseCategory.NEW,
    "新落户": KeyEnterpriseCategory.NEW,
}


def _choice(spellings, label_name, value):
    text = parsers.normalize(value)
    if not text:
        return None
    for suffix in ("", "项目", "类", "类项目", "企业", "类企业"):
        if text.endswith(suffix) and text[: len(text) - len(suffix)] in spellings:
            return spellings[text[: len(text) - len(suffix)]].value
    names = "、".join(dict.fromkeys(choice.label for choice in spellings.values()))
    raise CellError(f"未知的{label_name}“{parsers.parse_text(value)}”，应为 {names}")


def section_choice(spellings, text):
    """The choice a section row names ("一、开工项目（7家）" → 开工), or None."""
    for spelling in sorted(spellings, key=len, reverse=True):
        if spelling in text:
            return spellings[spelling].value
    return None


def parse_cell(column, value, unit="万元"):
    if column.kind == AMOUNT:
        return parsers.parse_amount(value, unit)
    if column.kind == DATE:
        return parsers.parse_date(value)
    if column.kind == SEQ:
        return parsers.parse_seq(value)
    if column.kind == GOAL:
        return _choice(GOAL_SPELLINGS, "建设类型", value)
    if column.kind == CATEGORY:
        return _choice(CATEGORY_SPELLINGS, "企业类别", value)
    name = column.key in NAME_KEYS
    text = parsers.parse_name(value) if name else parsers.parse_text(value)
    if column.max_length and len(text) > column.max_length:
        raise CellError(f"内容超过 {column.max_length} 字")
    if name:
        try:
            validate_visible_name(text)
        except ValidationError as error:
            raise CellError(error.messages[0]) from None
    return text


@dataclass(frozen=True)
class AnnexLayout:
    number: int
    title: str
    columns: tuple
    name_keys: tuple  # the natural key columns of a row
    section_key: str = ""  # the column a section row ("一、开工项目（7家）") fills in
    default_department: str = ""
    extra_checks: tuple = field(default=())

    @property
    def label(self):
        return f"附件{self.number}"

    def column(self, key):
        return next(column for column in self.columns if column.key == key)


def _finish_after_start(values):
    start, finish = values.get("planned_start"), values.get("planned_finish")
    if start and finish and finish < start:
        return "planned_finish", "计划完成时间早于计划开工时间"
    return None


SEQ_COLUMN = Column("seq", "序号", SEQ, width=6)
NOTE_COLUMN = Column("note", "备注", max_length=300, width=14)
DEPARTMENT_COLUMN = Column(
    "responsible_department",
    "责任单位",
    required=True,
    max_length=100,
    width=14,
)
LEADER_COLUMN = Column("responsible_leader", "责任领导", max_length=50, width=10)
NAME_COLUMN = Column(
    "name",
    "项目名称",
    required=True,
    in_header=True,
    max_length=200,
    width=30,
)
TOTAL_COLUMN = Column("total_investment_wan", "总投资", AMOUNT)

ANNEX_1 = AnnexLayout(
    number=1,
    title="县工业园区基础设施建设“百日行动”项目计划表",
    columns=(
        SEQ_COLUMN,
        NAME_COLUMN,
        Column(
            "content_scale",
            "建设内容及规模",
            max_length=500,
            width=26,
        ),
        Column("zone", "所在区块", max_length=100),
        TOTAL_COLUMN,
        Column(
            "planned_investment_wan",
            "百日计划投资",
            AMOUNT,
            required=True,
            in_header=True,
        ),
        Column(
            "milestone_target",
            "形象进度目标",
            max_length=300,
            width=22,
        ),
        Column("planned_start", "计划开工时间", DATE, month_flag="planned_start_is_month"),
        Column("planned_finish", "计划完成时间", DATE, month_flag="planned_finish_is_month"),
        LEADER_COLUMN,
        replace(DEPARTMENT_COLUMN, in_header=True),
        NOTE_COLUMN,
    ),
    name_keys=("name",),
    section_key="zone",
    extra_checks=(_finish_after_start,),
)

ANNEX_2 = AnnexLayout(
    number=2,
    title="入园企业“争先杯”建设竞赛参赛企业百日行动计划表",
    columns=(
        SEQ_COLUMN,
        Column(
            "enterprise_name",
            "企业名称",
            required=True,
            in_header=True,
            max_length=200,
            width=24,
        ),
        Column(
            "project_name",
            "项目名称",
            required=True,
            in_header=True,
            max_length=200,
            width=26,
        ),
        Column(
            "goal",
            "建设类型",
            GOAL,
            required=True,
            width=10,
        ),
        Column("total_investment_wan", "总投资（万元）", AMOUNT),
        Column(
            "planned_investment_wan",
            "百日计划投资（万元）",
            AMOUNT,
            required=True,
            in_header=True,
        ),
        Column(
            "construction_task",
            "百日建设任务",
            max_length=300,
            width=22,
        ),
        Column("legal_representative", "法人代表", max_length=50, width=10),
        Column("phone", "联系电话", max_length=30, width=14),
        Column("liaison_leader", "联系领导", max_length=50, width=10),
        Column(
            "responsible_department",
            "责任单位",
            max_length=100,
            width=14,
        ),
        Column("pledge", "法人代表公开承诺", width=30, max_length=TEXT_MAX),
        NOTE_COLUMN,
    ),
    name_keys=("enterprise_name", "project_name"),
    section_key="goal",
    default_department="园区企业服务科",
)

ANNEX_3 = AnnexLayout(
    number=3,
    title="重点工业性投资项目表",
    columns=(
        SEQ_COLUMN,
        NAME_COLUMN,
        Column("owner_name", "业主单位", max_length=200, width=24),
        Column(
            "content_scale",
            "建设内容",
            max_length=500,
            width=24,
        ),
        Column("zone", "所在区块", max_length=100),
        TOTAL_COLUMN,
        Column("annual_planned_wan", "年度计划投资", AMOUNT),
        Column(
            "planned_investment_wan",
            "百日计划投资",
            AMOUNT,
            required=True,
            in_header=True,
        ),
        Column("milestone_target", "形象进度目标", max_length=300),
        Column("planned_start", "开工时间", DATE, month_flag="planned_start_is_month"),
        Column("planned_finish", "计划竣工时间", DATE, month_flag="planned_finish_is_month"),
        LEADER_COLUMN,
        replace(DEPARTMENT_COLUMN, in_header=True),
        NOTE_COLUMN,
    ),
    name_keys=("name",),
    extra_checks=(_finish_after_start,),
)

ANNEX_4 = AnnexLayout(
    number=4,
    title="“2112”重点企业服务联系表",
    columns=(
        SEQ_COLUMN,
        Column(
            "enterprise_name",
            "企业名称",
            required=True,
            in_header=True,
            max_length=200,
            width=24,
        ),
        Column("category", "企业类别", CATEGORY, required=True, width=14),
        Column("legal_representative", "法人代表", max_length=50, width=10),
        Column("phone", "联系电话", max_length=30, width=14),
        Column("main_products", "主要产品", max_length=200, width=16),
        Column("liaison_leader", "联系县领导", max_length=50, width=12),
        Column("service_person", "服务责任人", max_length=50),
        Column(
            "responsible_department",
            "责任单位",
            max_length=100,
            width=14,
        ),
        Column("difficulties", "存在困难和问题", width=24, max_length=TEXT_MAX),
        Column(
            "coordination_needed",
            "需协调解决事项",
            width=24,
            max_length=TEXT_MAX,
        ),
        NOTE_COLUMN,
    ),
    name_keys=("enterprise_name",),
    section_key="category",
    default_department="园区企业服务科",
)

LAYOUTS = {layout.number: layout for layout in (ANNEX_1, ANNEX_2, ANNEX_3, ANNEX_4)}
SECTION_SPELLINGS = {"goal": GOAL_SPELLINGS, "category": CATEGORY_SPELLINGS}
