"""The reminders (催报 and more). A campaign's schedule (ReminderRule, the defaults below) says
when each kind of occasion falls; `fire_due_occasions(at)` fires every occasion that has fallen
on `at`'s day by `at` and has not fired yet: one ReminderOccasion row (unique per campaign, kind
and day, so it fires once however many servers try), then one message per recipient listing all
that is due — in the same transaction — and the outside deliveries queued in the outbox."""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from baidays.notify.models import Channel, Message, OccasionKind, ReminderOccasion, ReminderRule
from baidays.notify.outbox import queue
from baidays.notify.supervision_notices import answer_line, answers_due
from baidays.notify.text import one_line
from baidays.weekly.tracked import KINDS
from core.choices import ReportState, Role
from core.dates import cn_day
from core.models import Campaign
from enterprises.models import Problem
from topics.models import Decision

DUE_WITHIN_DAYS = 3
DEFAULT_RULES = (
    # the Thursday before the Friday deadline, 16:00: units with missing reports
    (OccasionKind.MISSING, 3, datetime.time(16, 0)),
    # Monday 9:00: last week's missing units, to the leaders
    (OccasionKind.DIGEST, 0, datetime.time(9, 0)),
    # every day 8:30: 议定事项 and problems due within three days, and 督办单 answers due by
    # tomorrow or overdue, to their units
    (OccasionKind.DUE_SOON, None, datetime.time(8, 30)),
    # every day 17:00: returned reports, to their reporters
    (OccasionKind.RETURNED, None, datetime.time(17, 0)),
)


def ensure_default_rules(campaign):
    for kind, weekday, at_time in DEFAULT_RULES:
        ReminderRule.objects.get_or_create(
            campaign=campaign, kind=kind, defaults={"weekday": weekday, "at_time": at_time}
        )


def _missing_by_department(campaign, week):
    """{department: [item names without a report for `week`]}"""
    missing = defaultdict(list)
    for kind in KINDS.values():
        reports = kind.report_model.objects.handed_in().filter(
            **{kind.item_field: OuterRef("pk")}, report_week=week
        )
        # kind.items selects what each kind's name reads (an entry's enterprise)
        items = (
            kind.items(campaign).annotate(reported=Exists(reports)).filter(reported=False)
        ).order_by("pk")
        for item in items:
            missing[item.responsible_department].append(f"{kind.label}：{one_line(item.name)}")
    return missing


def _people(department=None, roles=(Role.STAFF, Role.REVIEWER)):
    users = get_user_model().objects.filter(is_active=True, person__role__in=roles)
    if department is not None:
        users = users.filter(person__department=department)
    return list(users.select_related("person"))


def _lines(items):
    return "\n".join(f"- {one_line(item)}" for item in items)


def _missing(campaign, day):
    week = campaign.week_of(day)
    deadline = campaign.week_end(week)
    for department, items in _missing_by_department(campaign, week).items():
        subject = f"催报：第 {week} 周周报还有 {len(items)} 项未报"
        body = (
            f"{one_line(department)}：第 {week} 周周报请于 {cn_day(deadline)} 前报送，"
            "以下事项尚未填报：\n" + _lines(items)
        )
        yield department, _people(department), subject, body


def _digest(campaign, day):
    week = campaign.week_of(day) - 1
    if week < 1:
        return
    missing = _missing_by_department(campaign, week)
    if not missing:
        return
    rows = [f"{dept}：{len(items)} 项" for dept, items in sorted(missing.items(), key=str)]
    subject = f"第 {week} 周周报未报单位 {len(missing)} 个"
    body = f"第 {week} 周周报截至目前仍未报送的单位：\n" + _lines(rows)
    for leader in _people(roles=(Role.LEADER,)):
        yield leader.person.department, [leader], subject, body


def _when_due(due_date, day):
    return f"{cn_day(due_date)}到期，已逾期" if due_date < day else f"{cn_day(due_date)}到期"


def _due_soon(campaign, day):
    """Due within three days or already overdue (and not done by `day`)."""
    until = day + datetime.timedelta(days=DUE_WITHIN_DAYS)
    due = defaultdict(list)
    decisions = Decision.objects.filter(
        meeting__campaign=campaign, due_date__lte=until
    ).not_done_as_of(day)
    for decision in decisions.select_related("responsible_department").order_by("due_date", "pk"):
        due[decision.responsible_department].append(
            f"议定事项：{one_line(decision.content)}（{_when_due(decision.due_date, day)}）"
        )
    problems = (
        Problem.objects.active().filter(campaign=campaign, due_date__lte=until).open_as_of(day)
    )
    for problem in problems.select_related("responsible_department").order_by("due_date", "pk"):
        due[problem.responsible_department].append(
            f"督办问题：{one_line(problem.title)}（{_when_due(problem.due_date, day)}）"
        )
    for supervision in answers_due(campaign, day):
        due[supervision.department].append(answer_line(supervision, day))
    for department, items in due.items():
        subject = f"{len(items)} 项督办事项即将到期或已逾期"
        yield (
            department,
            _people(department),
            subject,
            "以下事项即将到期或已逾期，请按时办结：\n" + _lines(items),
        )


def _returned(campaign, day):
    by_reporter = defaultdict(list)
    for kind in KINDS.values():
        reports = kind.report_model.objects.filter(
            **{f"{kind.item_field}__campaign": campaign}, state=ReportState.RETURNED
        ).select_related(kind.item_field, "reporter__person")
        for report in reports.exclude(reporter=None):
            item = getattr(report, kind.item_field)
            by_reporter[report.reporter].append(f"{one_line(item.name)} 第 {report.report_week} 周")
    for reporter, items in by_reporter.items():
        subject = f"{len(items)} 份周报被退回，请修改后重新提交"
        # only the reporter's inbox: the unit's group robot is not the place for one person
        yield None, [reporter], subject, "被退回的周报（原因见本周填报页面）：\n" + _lines(items)


COMPOSERS = {
    OccasionKind.MISSING: _missing,
    OccasionKind.DIGEST: _digest,
    OccasionKind.DUE_SOON: _due_soon,
    OccasionKind.RETURNED: _returned,
}


def _has_fallen(rule, at):
    local = timezone.localtime(at)
    weekday_matches = rule.weekday is None or rule.weekday == local.weekday()
    return weekday_matches and local.time() >= rule.at_time


def _fire(campaign, kind, day, at):
    """Fire one occasion: the occasion, or None when another run or server already did."""
    try:
        with transaction.atomic():
            occasion = ReminderOccasion.objects.create(
                campaign=campaign, kind=kind, day=day, fired_at=at
            )
            count = 0
            for department, users, subject, body in COMPOSERS[kind](campaign, day):
                for user in users:
                    Message.objects.create(
                        recipient=user, occasion=occasion, subject=subject, body=body, created_at=at
                    )
                    count += 1
                if department is None:
                    continue
                for channel in Channel.objects.filter(department=department, is_active=True):
                    queue(
                        channel=channel,
                        key=f"occasion-{occasion.pk}-channel-{channel.pk}",
                        subject=subject,
                        body=body,
                        occasion=occasion,
                    )
                    count += 1
            occasion.messages_count = count
            occasion.save(update_fields=["messages_count"])
    except IntegrityError:
        return None
    return occasion


def fire_due_occasions(at=None):
    """Every occasion of every running campaign that has fallen by `at` today and not fired;
    returns the ReminderOccasion rows fired by this call."""
    at = at or timezone.now()
    day = timezone.localtime(at).date()
    fired = []
    for campaign in Campaign.objects.filter(start_date__lte=day, end_date__gte=day):
        ensure_default_rules(campaign)
        for rule in campaign.reminder_rules.filter(is_active=True):
            if _has_fallen(rule, at) and _fire(campaign, rule.kind, day, at):
                fired.append(
                    ReminderOccasion.objects.get(campaign=campaign, kind=rule.kind, day=day)
                )
    return fired
