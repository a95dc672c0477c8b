"""Writes for 争先杯 entries, problems, service visits and 招商引资. Keyword-only, atomic,
validated before saving; edits of versioned records go through optimistic locking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.access import can_confirm_goals, require_item_writer
from core.locking import save_versioned
from core.roles import is_enterprise_account
from enterprises.choices import ProblemStatus, SatisfactionSource
from enterprises.models import (
    CompetitionEntry,
    Enterprise,
    KeyEnterprise,
    LandTransfer,
    Problem,
    ProblemStatusChange,
    PromotionEvent,
    ServiceVisit,
    of_enterprise_account,
)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def set_goal_achieved(*, user, entry, achieved_on, version):
    """Record the date the entry's 开工 / 竣工 goal was reached (None clears it). The
    管委会 side confirms goals (its units' staff, admins), never the enterprise itself."""
    require_item_writer(user)
    if not can_confirm_goals(user):
        raise PermissionDenied("“争先杯”目标实现日期由责任单位核实确认，企业账号不能填写")
    campaign = entry.campaign
    if achieved_on is not None:
        if achieved_on > timezone.localdate():
            raise ValidationError({"achieved_on": "目标实现日期不能晚于今天"})
        if not campaign.contains(achieved_on):
            raise ValidationError(
                {
                    "achieved_on": f"目标实现日期应在百日行动期间（{campaign.start_date:%Y-%m-%d}"
                    f" 至 {campaign.end_date:%Y-%m-%d}）"
                }
            )
    return save_versioned(
        CompetitionEntry.objects.all(),
        entry.pk,
        expected_version=version,
        changes={"achieved_on": achieved_on},
        user=user,
        reason="目标实现",
    )


def record_status_steps(problem, *, before, user, today):
    """Add the ProblemStatusChange rows of moving `problem` from `before` (None when new) to
    its status (Problem.status_steps), recorded by `user`."""
    ProblemStatusChange.objects.bulk_create(
        ProblemStatusChange(problem=problem, status=status, changed_on=day, changed_by=user)
        for status, day in problem.status_steps(before, today)
    )


@transaction.atomic
def save_problem(*, problem, user=None, today):
    """The one way a problem is saved with its status: validated, and every change of status
    kept with its day, when and by whom (ProblemStatusChange), so a problem reads as open or
    resolved as of any day. `problem` may be new; a saved one is read again under a lock to
    know the status it changes from."""
    before = None
    if problem.pk is not None:
        before = (
            Problem.objects.select_for_update().values_list("status", flat=True).get(pk=problem.pk)
        )
    problem.fill_status_dates(today)
    problem.full_clean()
    problem.save()
    record_status_steps(problem, before=before, user=user, today=today)
    return problem


@transaction.atomic
def record_new_problems(problems, *, user=None, today):
    """The status history of problems just bulk-created (demo and benchmark data), as
    save_problem would have recorded it."""
    for problem in problems:
        record_status_steps(problem, before=None, user=user, today=today)


@transaction.atomic
def raise_problem(*, user, campaign, today, **fields):
    """A 问题 a unit's staff (or an admin) records: they name its unit, dates and deadline."""
    require_item_writer(user)
    if is_enterprise_account(user):
        raise PermissionDenied("企业账号提出诉求时不能指定交办单位、提出日期和办结期限")
    problem = Problem(campaign=campaign, status=ProblemStatus.OPEN, **fields)
    return save_problem(problem=problem, user=user, today=today)


def receiving_unit(enterprise, campaign):
    """The unit that first receives an enterprise's 诉求: the responsible (liaison) unit of
    its 争先杯 entry in the campaign, else of its key-enterprise record; it (or the 管委会
    office) then assigns the 诉求 to the unit that answers it, with a deadline."""
    entry = (
        CompetitionEntry.objects.filter(enterprise=enterprise, campaign=campaign)
        .order_by("seq", "pk")
        .first()
    )
    if entry is not None:
        return entry.responsible_department
    record = (
        KeyEnterprise.objects.filter(enterprise=enterprise, campaign=campaign)
        .order_by("pk")
        .first()
    )
    if record is not None:
        return record.responsible_department
    raise ValidationError("本企业在本次百日行动中还没有联系单位，请先联系管委会办公室")


@transaction.atomic
def raise_enterprise_request(*, user, campaign, enterprise, title, description, category, today):
    """An enterprise account files a 诉求 for its own enterprise: raised today (never a date
    from the request), received by its liaison unit, no deadline until the 管委会 assigns one
    (so a 诉求 can never open a 督办 or an overdue count by itself)."""
    own = Enterprise.objects.filter(accounts__person__user=user, pk=enterprise.pk).exists()
    if not is_enterprise_account(user) or not own:
        raise PermissionDenied("企业账号只能为本企业提出诉求")
    problem = Problem(
        campaign=campaign,
        enterprise=enterprise,
        status=ProblemStatus.OPEN,
        title=title,
        description=description,
        category=category,
        raised_on=today,
        responsible_department=receiving_unit(enterprise, campaign),
        due_date=None,
    )
    return save_problem(problem=problem, user=user, today=today)


@transaction.atomic
def _save_problem_versioned(*, user, problem, version, changes, reason, today):
    """Apply `changes` if the problem's version is still `version` (core.locking) and record
    the status change it makes."""
    before = Problem.objects.select_for_update().values_list("status", flat=True).get(pk=problem.pk)
    current = Problem.objects.get(pk=problem.pk)
    for name, value in changes.items():
        setattr(current, name, value)
    current.fill_status_dates(today)
    filled = {name: getattr(current, name) for name in ("resolved_on", "confirmed_on")}
    saved = save_versioned(
        Problem.objects.all(),
        problem.pk,
        expected_version=version,
        changes={**changes, **filled},
        user=user,
        reason=reason,
    )
    record_status_steps(saved, before=before, user=user, today=today)
    return saved


def update_problem(*, user, problem, version, changes, today):
    """Assign, work on, resolve or confirm a problem; resolving dates itself `today` when the
    user left the date empty."""
    require_item_writer(user)
    rated = (changes.get("satisfaction"), changes.get("satisfaction_source"))
    if "satisfaction" in changes and rated != (problem.satisfaction, problem.satisfaction_source):
        # who recorded the enterprise's satisfaction, with the way it was given
        changes["satisfaction_by"] = user if rated[0] else None
    return _save_problem_versioned(
        user=user,
        problem=problem,
        version=version,
        changes=changes,
        reason="问题办理",
        today=today,
    )


def confirm_as_enterprise(*, user, problem, version, satisfaction, feedback, today):
    """The enterprise's own account confirms the answer to its 诉求 and rates it: 企业自报,
    recorded with the account. Only an answered problem of its own enterprise."""
    own = Problem.objects.filter(of_enterprise_account(user), pk=problem.pk).exists()
    if not is_enterprise_account(user) or not own:
        raise PermissionDenied("只有提出诉求的企业本身可以确认办理结果")
    if problem.status not in (ProblemStatus.RESOLVED, ProblemStatus.CONFIRMED):
        raise ValidationError({"satisfaction": "诉求办结（已解决）后才能确认和评价"})
    return _save_problem_versioned(
        user=user,
        problem=problem,
        version=version,
        changes={
            "status": ProblemStatus.CONFIRMED,
            "confirmed_on": problem.confirmed_on or today,
            "satisfaction": satisfaction,
            "satisfaction_source": SatisfactionSource.SELF_REPORTED,
            "satisfaction_by": user,
            "feedback": feedback,
        },
        reason="企业确认",
        today=today,
    )


@transaction.atomic
def record_visit(*, user, key_enterprise, today, problem_fields=None, **fields):
    """A service visit, and the problem it found when there is one."""
    require_item_writer(user)
    visit = _save(ServiceVisit(key_enterprise=key_enterprise, recorded_by=user, **fields))
    if problem_fields:
        problem = Problem(
            campaign=key_enterprise.campaign,
            enterprise=key_enterprise.enterprise,
            visit=visit,
            raised_on=visit.visited_on,
            status=ProblemStatus.OPEN,
            **problem_fields,
        )
        save_problem(problem=problem, user=user, today=today)
    return visit


@transaction.atomic
def add_promotion(*, user, campaign, **fields):
    require_item_writer(user)
    return _save(PromotionEvent(campaign=campaign, **fields))


@transaction.atomic
def add_land_transfer(*, user, campaign, **fields):
    require_item_writer(user)
    return _save(LandTransfer(campaign=campaign, **fields))


@transaction.atomic
def create_enterprise_account(
    *, username, password, person_name, enterprise=None, new_enterprise_name="", title="", phone=""
):
    """An enterprise's login in one step: the enterprise (an existing one, or a new one by
    name), its 企业填报员 person, the user with a temporary password, and the link between
    them. The password is set by an administrator, so the person must change it at first login
    (baidays.security remembers who set each password)."""
    from django.contrib.auth import get_user_model

    from core.choices import Role
    from core.models import Person
    from enterprises.models import Enterprise, EnterpriseAccount

    if (enterprise is None) == (not new_enterprise_name):
        raise ValidationError("请选择一家已有企业，或填写新企业名称（二者选一）")
    if enterprise is None:
        enterprise = _save(Enterprise(name=new_enterprise_name))
    user = get_user_model()(username=username)
    user.set_password(password)
    user.full_clean()
    user.save()
    person = _save(
        Person(
            name=person_name,
            title=title or "企业填报员",
            phone=phone,
            department=None,
            role=Role.ENTERPRISE,
            user=user,
        )
    )
    return _save(EnterpriseAccount(person=person, enterprise=enterprise))
