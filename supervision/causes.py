"""What calls for a 督办单 on a day: a tracked item red by its own plan (or yellow N report
weeks in a row), an item that missed its last two reports, and a 议定事项, problem, 规划节点,
phase task or 回头看 follow-up past its due date. A finding holds as long as its cause does;
when it no longer does, the 督办单 closes itself (supervision.services)."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from core.choices import LagStatus
from core.money import percent
from core.registry import COMPLETABLE_KINDS, TRACKED_KINDS
from core.selectors import report_week_as_of
from supervision.choices import Cause


@dataclass(frozen=True)
class Finding:
    cause: str
    content_type_id: int
    object_id: int
    department_id: int
    leader_id: int | None
    label: str
    detail: str

    @property
    def key(self):
        return (self.content_type_id, self.object_id, self.cause)


def last_complete_week(campaign, as_of):
    """The last report week that had ended by `as_of` (0 when none had)."""
    week = report_week_as_of(campaign, as_of)
    if week and as_of < min(campaign.week_end(week), campaign.end_date):
        week -= 1
    return week


def tracked_items(campaign):
    """(queryset, leader field) of each registered kind of tracked item of the campaign."""
    return [
        (kind.items(campaign).select_related("campaign"), f"{kind.leader_field}_id")
        for kind in TRACKED_KINDS.values()
    ]


def _lag_findings(campaign, as_of, rules):
    week = report_week_as_of(campaign, as_of)
    if week < 1:
        return []
    found = []
    for items, leader_field in tracked_items(campaign):
        content_type = ContentType.objects.get_for_model(items.model)
        lagging = (
            items.with_lag(week, campaign, as_of)
            .filter(lag=LagStatus.RED.value)
            .with_colour_of_week(week, campaign, as_of)
        )
        for item in lagging:
            completion = percent(item.completed_investment_wan, item.planned_investment_wan)
            plan = percent(Decimal(item.due_cents) / 100, item.planned_investment_wan)
            long_yellow = item.lag_of_week != LagStatus.RED.value
            cause = Cause.YELLOW_WEEKS if long_yellow else Cause.RED
            detail = f"截至第{week}周，投资完成率 {completion}%，计划完成率 {plan}%" + (
                f"，已连续 {rules.yellow_weeks_to_red} 周滞后" if long_yellow else ""
            )
            found.append(_finding(cause, content_type, item, leader_field, detail))
    return found


def _missed_report_findings(campaign, as_of):
    last = last_complete_week(campaign, as_of)
    if last < 2:
        return []
    found = []
    for items, leader_field in tracked_items(campaign):
        kind = TRACKED_KINDS.of_model(items.model)
        reports = kind.report_model.objects.handed_in().filter(**{kind.item_field: OuterRef("pk")})
        missing = items.exclude(Exists(reports.filter(report_week=last))).exclude(
            Exists(reports.filter(report_week=last - 1))
        )
        content_type = ContentType.objects.get_for_model(items.model)
        detail = f"第{last - 1}周、第{last}周周报均未报送"
        found += [
            _finding(Cause.MISSED_REPORTS, content_type, item, leader_field, detail)
            for item in missing
        ]
    return found


def supervised_kinds():
    """The completable kinds an overdue of which calls for a 督办单: those with a cause of
    their own (Cause has the kind's key; 电力项目 are followed by the 考核 only)."""
    return [kind for kind in COMPLETABLE_KINDS.values() if kind.key in Cause.values]


def _overdue_findings(campaign, as_of):
    found = []
    for kind in supervised_kinds():
        department_field = f"{kind.owner_field}_id"
        things = kind.of_campaign(campaign, as_of).exclude(**{department_field: None})
        content_type = ContentType.objects.get_for_model(kind.model)
        cause = Cause(kind.key)
        for thing in things.overdue_as_of(as_of):
            found.append(
                Finding(
                    cause=cause,
                    content_type_id=content_type.pk,
                    object_id=thing.pk,
                    department_id=getattr(thing, department_field),
                    leader_id=None,
                    label=str(thing)[:300],
                    detail=f"完成期限 {thing.due_date:%Y-%m-%d}，至 {as_of:%Y-%m-%d} 仍未完成",
                )
            )
    return found


def _finding(cause, content_type, item, leader_field, detail):
    return Finding(
        cause=cause,
        content_type_id=content_type.pk,
        object_id=item.pk,
        department_id=item.responsible_department_id,
        leader_id=getattr(item, leader_field),
        label=str(item.name)[:300],
        detail=detail,
    )


def findings(campaign, as_of, rules):
    """{key: Finding} of everything that calls for a 督办单 at the end of `as_of`."""
    every = [
        *_lag_findings(campaign, as_of, rules),
        *_missed_report_findings(campaign, as_of),
        *_overdue_findings(campaign, as_of),
    ]
    return {finding.key: finding for finding in every}
