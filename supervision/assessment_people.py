"""The 总结阶段 评议 starts from the 考核. It scores responsible people, the 考核 scores units: a
person's starting score is the score of the units that carry the items they are responsible
for (projects they lead, 争先杯 entries they are the liaison of, key enterprises they serve),
weighted by how many of those items each unit carries. The evaluator may change it."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from core.money import CENT
from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.models import Project

STARTING_RULE = (
    "起评分 = 责任人所负责的项目、参赛项目和重点企业所属责任单位的考核得分，按各单位承担的事项数"
    "加权平均；评议人可在此基础上调整"
)


@dataclass(frozen=True)
class StartingPoint:
    score: Decimal
    units: tuple  # (DepartmentScore, number of the person's items the unit carries), by rank

    @property
    def basis(self):
        return "、".join(f"{row.department.name} {row.score} 分 × {n} 项" for row, n in self.units)


def _items_per_unit(campaign, person_ids):
    """{person pk: Counter(unit pk: items)} over the person's active items: three grouped
    queries."""
    kinds = [
        (Project.objects.active().filter(campaign=campaign), "responsible_leader"),
        (CompetitionEntry.objects.active().filter(campaign=campaign), "liaison_leader"),
        (KeyEnterprise.objects.active().filter(campaign=campaign), "service_person"),
    ]
    counts = defaultdict(Counter)
    for items, field in kinds:
        grouped = (
            items.filter(**{f"{field}__in": person_ids})
            .order_by()
            .values(field, "responsible_department")
            .annotate(n=Count("pk"))
        )
        for row in grouped:
            counts[row[field]][row["responsible_department"]] += row["n"]
    return counts


def starting_points(assessment, person_ids):
    """{person pk: StartingPoint} of the people whose items lie with assessed units; a person
    without such items has none."""
    scores = assessment.by_department()
    found = {}
    for person_id, per_unit in _items_per_unit(assessment.campaign, list(person_ids)).items():
        units = sorted(
            ((scores[pk], n) for pk, n in per_unit.items() if pk in scores),
            key=lambda pair: (pair[0].rank, pair[0].department.name),
        )
        weight = sum(n for _row, n in units)
        if not weight:
            continue
        total = sum(row.score * n for row, n in units)
        found[person_id] = StartingPoint(
            score=(total / weight).quantize(CENT, rounding=ROUND_HALF_UP), units=tuple(units)
        )
    return found
