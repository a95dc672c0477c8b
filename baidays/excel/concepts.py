"""The concept table: what each annex column's header must say, in the words offices use.

A column is recognised when its whole header path (group + sub-header, normalised) carries one
word of every slot of one of its patterns and none of its `none_of` words. When two columns'
patterns both fit a header, the one whose matched words are longer wins ("项目总投资" is 总投资,
not 项目); an exact tie is not guessed. `spellings` are headers as written by county and
provincial offices in their 项目表: the tests build workbooks from them, so a new alias is one
line here (and, if no pattern covers it yet, one word in a slot).

Public tables the spellings were collected from, named where a word is added:
- [漳州] catkins10/cms WebContent/dpc/keyproject/dataimport/dataImport.jsp — the column list of
  漳州市's 新增长区域发展战役 项目明细表 (项目性质, 建设内容及规模, 所属开发区, 挂钩领导,
  挂钩责任单位, 项目业主单位, "2010年计划投资（万元）" for the year, "大干150天力争完成的投资额" for
  the campaign, 建设起止时间);
- [重点项目] catkins10/cms WebContent/dpc/keyproject/projectRead.jsp — 项目全称,
  建设规模及主要建设内容;
- [年度计划] 17688971686/ss …/management/yearPlan/yearPlan.svc.js — a 年度计划编制 grid: 建设单位,
  建设性质, 建设规模及主要建设内容, 本年度建设任务, 本年度建设内容;
- [市直计划表] shiminwei/shiminwei1 …/modelShow/sbjzfxxmjhb.jsp — 年度市直政府性投资项目计划表:
  建设规模及内容, 本年度计划投资, 年度工作目标, 项目责任单位, 责任人;
- [市领导联系] genggengtang/leader-control-parent …/市领导联系项目/prj-list.md — 项目全称,
  项目业主单位, 项目责任领导, 计划建设阶段.
Words that name a year's figure (本年度…, 2026年计划…) are kept out of the 100-day columns, and
headers that could be two columns (责任人: the leader or the unit; 建设起止时间: start and finish
in one cell) match none: they are listed as not imported, never guessed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    key: str
    patterns: tuple  # each a tuple of slots, each slot a tuple of alternative words
    none_of: tuple = ()
    exact: tuple = ()  # whole headers that mean this column though they carry no slot
    spellings: tuple = ()


def concept(key, *slots, none_of=(), exact=(), spellings=(), extra=()):
    return Concept(key, (tuple(slots), *extra), tuple(none_of), tuple(exact), tuple(spellings))


TIME = ("时间", "日期", "年月", "时限", "期限")
MONEY = ("投资", "投入", "资金", "金额")

SEQ = concept(
    "seq", ("序号", "编号", "序", "No.", "NO."), spellings=("序号", "序 号", "编号", "No.")
)
PROJECT_NAME = concept(
    "name",
    ("项目", "工程"),
    ("名称", "名字", "全称"),
    exact=("项目", "工程", "项目(工程)", "建设项目"),
    spellings=("项目名称", "工程名称", "项目(工程)名称", "建设项目名称", "项目", "建设项目")
    + ("项目全称",),  # [重点项目], [市领导联系]
)
CONTENT = concept(
    "content_scale",
    ("建设内容", "建设规模", "主要内容", "内容", "规模"),
    # 本年度建设内容 [年度计划] is the year's share of the work, not the project's content
    none_of=("百日", "目标", "任务", "年度", "本年"),
    spellings=("建设内容及规模", "建设内容", "建设规模", "主要建设内容", "建设内容和规模")
    + ("建设规模及主要建设内容", "建设规模及内容"),  # [重点项目] [年度计划], [市直计划表]
)
ZONE = concept(
    "zone",
    ("区块", "园区", "地点", "片区", "所在地", "区域", "位置", "平台", "地址", "乡镇", "功能区")
    + ("开发区",),  # [漳州]
    none_of=("单位", "领导", "负责", "部门"),
    spellings=(
        "所在区块",
        "区块",
        "所在园区",
        "建设地点",
        "所属区块",
        "所在片区",
        "项目地点",
        "建设地址",
        "所在乡镇",
        "所属开发区",  # [漳州]
    ),
)
TOTAL = concept(
    "total_investment_wan",
    ("总投资", "投资总额", "总投入", "总概算", "概算"),
    none_of=("百日", "年度", "本年", "累计", "完成"),
    spellings=("总投资", "项目总投资", "计划总投资", "总投资（万元）", "投资总额"),
)
ANNUAL = concept(
    "annual_planned_wan",
    ("年度", "本年", "全年", "当年", "年计划"),
    ("投资", "计划"),
    none_of=("百日", "总投资", "累计", "完成"),
    spellings=("年度计划投资", "年度投资", "本年度计划投资", "2026年度计划投资")
    + ("2026年计划投资（万元）",),  # [漳州] "2010年计划投资（万元）", [市直计划表]
)
# a year's figure is never the 100-day one: "2026年计划投资" [漳州] says 年计划
_PLANNED_NOT = ("累计", "已完成", "完成投资", "总投资", "年度", "本年", "全年", "年计划")
_PLANNED_SPELLINGS = (
    "百日计划投资",
    "百日行动计划投资",
    "百日投资",
    "百日计划投资（万元）",
    "百天计划投资",
    "百日目标投资",
    # [漳州] wrote "大干150天力争完成的投资额（万元）" for its 150-day campaign
    "大干100天力争完成的投资额（万元）",
)
PLANNED = concept(
    "planned_investment_wan",
    ("百日", "百天", "100天", "一百天"),
    ("计划", "安排", "目标", "任务"),
    MONEY,
    none_of=_PLANNED_NOT,
    extra=((("百日", "百天", "100天"), MONEY),),
    spellings=_PLANNED_SPELLINGS,
)
# 附件1 and 附件2 have no yearly figure, so a bare 计划投资 can only be the 100-day one
PLANNED_ONLY = concept(
    "planned_investment_wan",
    ("百日", "百天", "100天", "一百天"),
    ("计划", "安排", "目标", "任务"),
    MONEY,
    none_of=(*_PLANNED_NOT, "总"),
    extra=((("百日", "百天", "100天"), MONEY), (("计划",), ("投资",))),
    spellings=(*_PLANNED_SPELLINGS, "计划投资", "计划投资（万元）"),
)
_MILESTONE_WORDS = ("形象进度", "进度目标", "百日目标", "形象目标", "目标任务", "建设目标")
_YEAR_WORDS = ("年度", "本年", "全年")  # 本年度建设任务 [年度计划], 年度工作目标 [市直计划表]
MILESTONE = concept(
    "milestone_target",
    _MILESTONE_WORDS,
    none_of=("时间", "日期", "投资", "最新", "累计", "状态", *_YEAR_WORDS),
    spellings=("形象进度目标", "百日形象进度目标", "百日目标", "形象进度", "百日行动目标任务"),
)
TASK = concept(
    "construction_task",
    ("建设任务", "工作任务", *_MILESTONE_WORDS),
    none_of=("时间", "日期", "投资", "类型", "最新", "累计", "状态", *_YEAR_WORDS),
    spellings=("百日建设任务", "建设任务", "百日形象进度目标", "形象进度目标", "百日目标"),
)
START = concept(
    "planned_start",
    ("开工", "开始", "动工", "开建", "启动"),
    TIME,
    none_of=("竣工", "完工", "完成", "起止"),
    extra=((("计划开工", "拟开工", "计划开始"),),),
    spellings=("计划开工时间", "开工时间", "开工日期", "计划开始时间", "计划开工", "开工年月"),
)
FINISH = concept(
    "planned_finish",
    ("竣工", "完工", "完成", "结束", "投产", "建成", "截止"),
    TIME,
    none_of=("开工", "开始", "起止", "投资", "目标", "进度"),
    extra=((("计划竣工", "计划完工", "计划完成", "拟竣工"),),),
    spellings=("计划完成时间", "计划竣工时间", "完工时间", "竣工时间", "完成时限", "竣工日期"),
)
_LEADER_WORDS = (
    "责任领导",
    "分管领导",
    "包联领导",
    "联系领导",
    "挂钩领导",
    "包抓领导",
    "包保领导",
    "牵头领导",
    "领导",
)
LEADER = concept(
    "responsible_leader",
    _LEADER_WORDS,
    none_of=("单位", "部门", "电话"),
    spellings=(
        "责任领导",
        "分管领导",
        "包联领导",
        "责任县领导",
        "分管县领导",
        "挂钩领导",
        "包抓领导",
        "挂钩领导",  # [漳州]
        "项目责任领导",  # [市领导联系]
    ),
)
LIAISON = concept(
    "liaison_leader",
    _LEADER_WORDS,
    none_of=("单位", "部门", "电话"),
    spellings=("联系领导", "联系县领导", "包联领导", "挂钩县领导", "联系县级领导"),
)
DEPARTMENT = concept(
    "responsible_department",
    (
        "责任单位",
        "责任部门",
        "牵头单位",
        "责任科室",
        "牵头部门",
        "主管部门",
        "责任主体",
        "推进单位",
        "服务单位",
        "包抓单位",
    ),
    none_of=("领导", "电话"),
    spellings=(
        "责任单位",
        "责任部门",
        "牵头单位",
        "责任科室",
        "牵头部门",
        "责任单位(部门)",
        "推进单位",
        "项目责任单位",  # [市直计划表]
        "挂钩责任单位",  # [漳州], over 单位名称 / 责任人 / 联络人
    ),
)
NOTE = concept("note", ("备注", "说明"), none_of=("填报",), spellings=("备注", "说明"))
OWNER = concept(
    "owner_name",
    ("业主单位", "项目单位", "建设单位", "业主", "实施单位", "项目业主", "企业名称", "实施主体"),
    spellings=("业主单位", "项目单位", "建设单位", "项目业主", "实施单位", "企业名称")
    + ("项目业主单位",),  # [漳州], [市领导联系]
)
ENTERPRISE = concept(
    "enterprise_name",
    ("企业名称", "企业", "参赛企业", "单位名称", "公司名称", "公司"),
    # 责任: "挂钩责任单位 / 单位名称" [漳州] names the unit in charge, not the enterprise
    none_of=("类别", "类型", "分类", "法人", "性质", "产品", "困难", "联系", "诉求", "责任"),
    spellings=("企业名称", "参赛企业", "单位名称", "企业(单位)名称", "公司名称", "企业"),
)
ENTRY_PROJECT = concept(
    "project_name",
    ("项目", "工程"),
    ("名称", "名字", "全称"),
    exact=PROJECT_NAME.exact,
    spellings=("项目名称", "工程名称", "参赛项目名称", "项目"),
)
GOAL = concept(
    "goal",
    ("建设类型", "类型", "竞赛类型", "项目类型", "建设性质", "项目性质", "类别", "竞赛类别")
    + ("建设阶段", "推进类型", "争先类型"),
    spellings=(
        "建设类型",
        "竞赛类型",
        "项目类型",
        "建设性质",
        "类型",
        "建设类型(目标)",
        "建设阶段",
        "项目性质",  # [漳州]
        "计划建设阶段",  # [市领导联系]
    ),
)
LEGAL = concept(
    "legal_representative",
    ("法人代表", "法定代表人", "法人", "负责人"),
    none_of=("电话", "手机", "联系方式", "承诺", "服务"),
    spellings=("法人代表", "法定代表人", "企业负责人", "法人"),
)
PHONE = concept(
    "phone",
    ("联系电话", "电话", "手机", "联系方式"),
    spellings=("联系电话", "电话", "手机号码", "联系方式"),
)
PLEDGE = concept(
    "pledge",
    ("承诺",),
    spellings=("法人代表公开承诺", "公开承诺", "承诺事项", "承诺"),
)
CATEGORY = concept(
    "category",
    ("企业类别", "类别", "企业类型", "类型", "企业分类", "分类"),
    spellings=("企业类别", "类别", "企业类型", "企业分类"),
)
PRODUCTS = concept(
    "main_products",
    ("产品", "主营业务"),
    spellings=("主要产品", "主导产品", "主营产品", "主营业务"),
)
SERVICE = concept(
    "service_person",
    ("服务责任人", "服务人员", "服务专员", "联络员", "服务人", "包联干部", "驻企"),
    spellings=("服务责任人", "服务人员", "服务责任人员", "服务专员", "驻企联络员"),
)
DIFFICULTIES = concept(
    "difficulties",
    ("困难", "问题"),
    none_of=("协调", "解决", "次数"),
    spellings=("存在困难和问题", "困难和问题", "存在问题", "存在困难"),
)
COORDINATION = concept(
    "coordination_needed",
    ("协调", "解决事项", "诉求"),
    spellings=("需协调解决事项", "协调事项", "需协调解决的事项", "需协调解决的问题", "企业诉求"),
)

ANNEX_CONCEPTS = {
    1: (SEQ, PROJECT_NAME, CONTENT, ZONE, TOTAL, PLANNED_ONLY, MILESTONE, START, FINISH)
    + (LEADER, DEPARTMENT, NOTE),
    2: (SEQ, ENTERPRISE, ENTRY_PROJECT, GOAL, TOTAL, PLANNED_ONLY, TASK, LEGAL, PHONE)
    + (LIAISON, DEPARTMENT, PLEDGE, NOTE),
    3: (SEQ, PROJECT_NAME, OWNER, CONTENT, ZONE, TOTAL, ANNUAL, PLANNED, MILESTONE, START)
    + (FINISH, LEADER, DEPARTMENT, NOTE),
    4: (SEQ, ENTERPRISE, CATEGORY, LEGAL, PHONE, PRODUCTS, LIAISON, SERVICE, DEPARTMENT)
    + (DIFFICULTIES, COORDINATION, NOTE),
}


def match_score(item, text):
    """How strongly the normalised header `text` says `item`: the summed length of the words
    that fill its best pattern, or 0 when it does not say it."""
    if any(word in text for word in item.none_of):
        return 0
    if text in item.exact:
        return len(text)
    best = 0
    for pattern in item.patterns:
        found = [max((len(w) for w in slot if w in text), default=0) for slot in pattern]
        if all(found):
            best = max(best, sum(found))
    return best


def best_concepts(concepts, text):
    """The keys `text` says most strongly (one key, several on a tie, none when it says none)."""
    scored = [(match_score(item, text), item.key) for item in concepts]
    top = max((score for score, _ in scored), default=0)
    return [key for score, key in scored if score and score == top]
