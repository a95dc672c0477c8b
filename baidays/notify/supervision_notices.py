"""督办 told as it happens. A 督办单 opened by `supervise` is told to its responsible unit (黄牌:
the unit's staff and reviewers, and its channels); one escalated to 红牌 to its responsible
leader and the leaders' office (their inboxes, and the office's and the leader's unit's
channels). Each 督办单 is told once per event: a SupervisionNotice row, unique per 督办单 and
event, is written with the messages in one transaction, and every outbox entry has its own
idempotency key, so re-running `supervise`, the reminder job or a second server sends nothing
twice. The inbox takes messages at any hour; the outbox keeps the quiet hours.

The daily DUE_SOON reminder (baidays.notify.reminders) adds the 督办单 whose answer is due by
tomorrow, or overdue, and not answered (answers_due, answer_line)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from baidays.notify.models import Channel, Message, NoticeEvent, SupervisionNotice
from baidays.notify.outbox import queue
from baidays.notify.text import one_line
from core import plan_data
from core.choices import Role
from core.dates import cn_date
from core.models import Department
from supervision.choices import Level
from supervision.models import Supervision

UNIT_ROLES = (Role.STAFF, Role.REVIEWER)
OFFICE_ROLES = (Role.ADMIN, Role.LEADER, Role.STAFF, Role.REVIEWER)
# an unanswered 督办单 is reminded of from the day before its answer is due
ANSWER_NEAR_DAYS = 1
LEVEL_OF_EVENT = {NoticeEvent.OPENED: Level.YELLOW, NoticeEvent.ESCALATED: Level.RED}


def notice_link(supervision):
    """The 督办单's page (the printable 督办通知单), in its campaign."""
    path = reverse("supervision:notice", args=[supervision.pk])
    return f"{settings.PORTAL_URL}{path}?campaign={supervision.campaign.slug}"


def describe(supervision, level):
    """The 督办单 as the 督办通知单 states it: item, cause, level, unit, deadlines, link. Text
    from users (the item's name, the detail) stays inside its line."""
    cause = supervision.get_cause_display()
    detail = one_line(supervision.detail)
    lines = [
        f"【{level.label}】督办单 {supervision.number}：{one_line(supervision.target_label)}",
        f"督办原因：{cause}" + (f"；{detail}" if detail else ""),
        f"责任单位：{one_line(supervision.department)}"
        + (f"；责任领导：{one_line(supervision.leader)}" if supervision.leader_id else ""),
    ]
    if level == Level.RED:
        lines.append(
            f"{cn_date(supervision.opened_on)}发出黄牌，逾期未销号，"
            f"{cn_date(supervision.escalated_on)}升级为红牌"
        )
    answered = supervision.answered_on is not None
    lines.append(
        f"答复期限：{cn_date(supervision.answer_due)}"
        + ("（已答复）" if answered else "，请在督办单上答复整改措施和承诺完成日期")
    )
    if level == Level.YELLOW:
        lines.append(f"{cn_date(supervision.escalate_after)}后仍未销号的，升级为红牌")
    lines.append(f"督办单：{notice_link(supervision)}")
    return "\n".join(lines)


def _compose(event, supervisions):
    level = LEVEL_OF_EVENT[event]
    first = one_line(supervisions[0].target_label)
    subject = (
        f"{level.label}督办：{first}"
        if len(supervisions) == 1
        else f"{level.label}督办：{first}等 {len(supervisions)} 项"
    )[:200]
    if event == NoticeEvent.OPENED:
        head = "以下事项已发出黄牌督办单，请按期答复整改措施，整改到位后自动销号："
    else:
        head = "以下督办单黄牌期内未销号，已升级为红牌，请责任领导督促整改："
    body = head + "\n\n" + "\n\n".join(describe(s, level) for s in supervisions)
    return subject, body


class Audience:
    """Who is told of which 督办单: users and channels, each with its 督办单 in order."""

    def __init__(self):
        self.users, self.channels = {}, {}

    def add(self, target, supervisions, *, channel=False):
        told = (self.channels if channel else self.users).setdefault(target, {})
        told.update((s.pk, s) for s in supervisions)

    def each(self, pending):
        order = {s.pk: index for index, s in enumerate(pending)}
        for mapping, is_channel in ((self.users, False), (self.channels, True)):
            for target, told in mapping.items():
                yield target, is_channel, sorted(told.values(), key=lambda s: order[s.pk])


def _users(**filters):
    return get_user_model().objects.filter(is_active=True, **filters).select_related("person")


def _unit_audience(pending):
    """黄牌: the responsible units' staff and reviewers, and the units' channels."""
    audience = Audience()
    units = {s.department_id for s in pending}

    def of_unit(unit):
        return [s for s in pending if s.department_id == unit]

    for user in _users(person__department__in=units, person__role__in=UNIT_ROLES):
        audience.add(user, of_unit(user.person.department_id))
    for channel in Channel.objects.filter(department__in=units, is_active=True):
        audience.add(channel, of_unit(channel.department_id), channel=True)
    return audience


def _leaders_audience(pending):
    """红牌: each responsible leader (with a login) and the leaders' office; the office's
    channels and those of each leader's own unit."""
    audience = Audience()
    office = Department.objects.filter(name=plan_data.LEADING_OFFICE).first()
    if office is not None:
        for user in _users(person__department=office, person__role__in=OFFICE_ROLES):
            audience.add(user, pending)
        for channel in Channel.objects.filter(department=office, is_active=True):
            audience.add(channel, pending, channel=True)
    leaders = {s.leader for s in pending if s.leader_id}
    for leader in leaders:
        own = [s for s in pending if s.leader_id == leader.pk]
        if leader.user is not None and leader.user.is_active:
            audience.add(leader.user, own)
    units = {leader.department_id for leader in leaders if leader.department_id}
    for channel in Channel.objects.filter(department__in=units, is_active=True):
        unit = channel.department_id
        own = [s for s in pending if s.leader_id and s.leader.department_id == unit]
        audience.add(channel, own, channel=True)
    return audience


def _pending(event, day):
    told = SupervisionNotice.objects.filter(supervision=OuterRef("pk"), event=event)
    rows = Supervision.objects.filter(closed_on__isnull=True, opened_on__lte=day).exclude(
        Exists(told)
    )
    if event == NoticeEvent.ESCALATED:
        rows = rows.filter(escalated_on__lte=day)
    return list(
        rows.select_related("campaign", "department", "leader__user").order_by(
            "department__sort_order", "department_id", "opened_on", "pk"
        )
    )


def _tell(event, day, at):
    pending = _pending(event, day)
    if not pending:
        return 0
    audience = (_unit_audience if event == NoticeEvent.OPENED else _leaders_audience)(pending)
    try:
        with transaction.atomic():
            notices = SupervisionNotice.objects.bulk_create(
                [SupervisionNotice(supervision=s, event=event, sent_at=at) for s in pending]
            )
            notice_of = {s.pk: notice.pk for s, notice in zip(pending, notices, strict=True)}
            for target, is_channel, supervisions in audience.each(pending):
                subject, body = _compose(event, supervisions)
                if not is_channel:
                    Message.objects.create(
                        recipient=target, subject=subject, body=body, created_at=at
                    )
                    continue
                # this run's first notice among them: no other run or channel list has it
                first = min(notice_of[s.pk] for s in supervisions)
                queue(
                    channel=target,
                    key=f"supervision-{event}-{first}-channel-{target.pk}",
                    subject=subject,
                    body=body,
                )
    except IntegrityError:
        # another run or server told them first
        return 0
    return len(pending)


def tell_supervisions(at=None):
    """Tell every open 督办单 not told yet of its opening and, once red, of its escalation;
    returns {event: number of 督办单 told}."""
    at = at or timezone.now()
    day = timezone.localtime(at).date()
    return {event.value: _tell(event, day, at) for event in NoticeEvent}


def answers_due(campaign, day):
    """The campaign's 督办单 open and unanswered at the end of `day` whose answer is due by
    tomorrow or was due before."""
    return (
        Supervision.objects.filter(campaign=campaign)
        .open_as_of(day)
        .exclude(answered_on__lte=day)
        .filter(answer_due__lte=day + datetime.timedelta(days=ANSWER_NEAR_DAYS))
        .select_related("campaign", "department")
        .order_by("answer_due", "pk")
    )


def answer_line(supervision, day):
    state = "已逾期未答复，请立即答复" if supervision.answer_due < day else "请按期答复"
    return (
        f"督办单 {supervision.number}（{supervision.level_as_of(day).label}）："
        f"{one_line(supervision.target_label)}，{supervision.get_cause_display()}，"
        f"答复期限 {cn_date(supervision.answer_due)}，{state}：{notice_link(supervision)}"
    )
