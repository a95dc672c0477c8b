"""The pools every generated campaign draws on: enterprise and person names built from
fixed syllables, and the enterprises and leaders created once and reused."""

from core import plan_data
from core.choices import Role
from core.models import Person
from core.services import get_or_create_department
from enterprises.choices import ProblemCategory
from enterprises.models import Enterprise

BATCH = 2000

PLACES = [
    "浙东", "永安", "瑞丰", "华泰", "金川", "天成", "宏远", "恒信", "东方", "海宁",
    "新越", "锦江", "鼎盛", "兴达", "安吉", "丰源", "明珠", "中天", "远景", "国泰",
    "银河", "长兴", "嘉和", "富春",
]  # fmt: skip
BRANDS = [
    "精工", "智造", "新材", "机电", "汽配", "纺织", "电子", "化工", "食品", "包装",
    "光电", "五金", "塑业", "建材", "医疗器械", "环保", "动力", "轴承", "阀门", "印染",
    "家居", "服饰", "照明", "电缆", "模具", "铸造", "新能源", "数控", "生物", "涂料",
    "钢构", "科技", "物流", "印务", "制冷", "泵业", "管业", "玻璃", "陶瓷", "工具",
]  # fmt: skip
INDUSTRIES = ["", "股份", "实业", "集团", "制造", "科技发展"]
ZONES = ["现代工业集聚区", "永安工业集聚区", "工业新城", "滨江产业园", "城东片区"]
WORKS = [
    ("道路工程", "路基、路面施工"),
    ("雨污管网工程", "管网铺设及检查井"),
    ("供水管道工程", "主管铺设、试压"),
    ("标准厂房", "主体结构及配套"),
    ("绿化景观工程", "苗木种植、养护"),
    ("电力配套工程", "线路架设、箱变安装"),
    ("桥梁工程", "桩基、承台施工"),
    ("场地平整工程", "土方平衡、场地平整"),
]
ENTRY_WORKS = ["年产扩能项目", "技改项目", "新厂区建设项目", "自动化生产线项目", "研发中心项目"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["建国", "志强", "海峰", "丽华", "伟", "敏", "军", "洪涛", "晓东", "文斌"]
PROBLEM_TITLES = [
    (ProblemCategory.LAND, "用地指标未落实，影响开工"),
    (ProblemCategory.APPROVAL, "施工许可办理进度慢"),
    (ProblemCategory.POWER, "临时用电未接通"),
    (ProblemCategory.FUNDING, "项目资金未及时到位"),
    (ProblemCategory.LABOUR, "施工人员不足"),
    (ProblemCategory.OTHER, "政策处理未完成"),
]


def enterprise_name(n):
    place, brand = PLACES[n % len(PLACES)], BRANDS[(n // len(PLACES)) % len(BRANDS)]
    cycle = n // (len(PLACES) * len(BRANDS))
    industry = INDUSTRIES[cycle % len(INDUSTRIES)]
    extra = f"（{cycle // len(INDUSTRIES) + 1}）" if cycle >= len(INDUSTRIES) else ""
    return f"{place}{brand}{industry}有限公司{extra}"


def enterprise_pool(size):
    """The first `size` generated enterprises, created once and reused by every campaign."""
    names = [enterprise_name(n) for n in range(size)]
    existing = set(Enterprise.objects.filter(name__in=names).values_list("name", flat=True))
    Enterprise.objects.bulk_create(
        [
            Enterprise(name=name, legal_representative=person_name(n), phone=f"0575-8{n:07d}")
            for n, name in enumerate(names)
            if name not in existing
        ],
        batch_size=BATCH,
    )
    by_name = dict(Enterprise.objects.filter(name__in=names).values_list("name", "pk"))
    return [by_name[name] for name in names]


def person_name(n):
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]


def leaders_pool(count=40):
    office = get_or_create_department(name=plan_data.LEADING_OFFICE)
    names = [person_name(n) for n in range(count)]
    existing = set(
        Person.objects.filter(department=office, name__in=names).values_list("name", flat=True)
    )
    Person.objects.bulk_create(
        [
            Person(name=name, title="项目责任领导", department=office, role=Role.LEADER)
            for name in names
            if name not in existing
        ]
    )
    return list(
        Person.objects.filter(department=office, name__in=names).values_list("pk", flat=True)
    )
