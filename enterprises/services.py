"""Writes for 争先杯 entries, problems, service visits and 招商引资. Keyword-only, atomic,
validated before saving; edits of versioned records go through optimistic locking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.access import require_item_writer
from core.locking import save_versioned
from core.roles import is_enterprise_account
from enterprises.choices import ProblemStatus, SatisfactionSource
from enterprises.models import (
    CompetitionEntry,
    LandTransfer,
    Problem,
    PromotionEvent,
    ServiceVisit,
    of_enterprise_account,
)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def set_goal_achieved(*, user, entry, achieved_on, version):
    """Record the date the entry's 开工 / 竣工 goal was reached (None clears it)."""
    require_item_writer(user)
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


@transaction.atomic
def raise_problem(*, user, campaign, **fields):
    require_item_writer(user)
    return _save(Problem(campaign=campaign, status=ProblemStatus.OPEN, **fields))


def update_problem(*, user, problem, version, changes):
    """Assign, work on, resolve or confirm a problem; resolving dates itself when the user
    left the date empty."""
    require_item_writer(user)
    status = changes.get("status")
    if status in (ProblemStatus.RESOLVED, ProblemStatus.CONFIRMED) and not changes.get(
        "resolved_on"
    ):
        changes["resolved_on"] = timezone.localdate()
    if status == ProblemStatus.CONFIRMED and not changes.get("confirmed_on"):
        changes["confirmed_on"] = timezone.localdate()
    rated = (changes.get("satisfaction"), changes.get("satisfaction_source"))
    if "satisfaction" in changes and rated != (problem.satisfaction, problem.satisfaction_source):
        # who recorded the enterprise's satisfaction, with the way it was given
        changes["satisfaction_by"] = user if rated[0] else None
    return save_versioned(
        Problem.objects.all(),
        problem.pk,
        expected_version=version,
        changes=changes,
        user=user,
        reason="问题办理",
    )


def confirm_as_enterprise(*, user, problem, version, satisfaction, feedback):
    """The enterprise's own account confirms the answer to its 诉求 and rates it: 企业自报,
    recorded with the account. Only an answered problem of its own enterprise."""
    own = Problem.objects.filter(of_enterprise_account(user), pk=problem.pk).exists()
    if not is_enterprise_account(user) or not own:
        raise PermissionDenied("只有提出诉求的企业本身可以确认办理结果")
    if problem.status not in (ProblemStatus.RESOLVED, ProblemStatus.CONFIRMED):
        raise ValidationError({"satisfaction": "诉求办结（已解决）后才能确认和评价"})
    return save_versioned(
        Problem.objects.all(),
        problem.pk,
        expected_version=version,
        changes={
            "status": ProblemStatus.CONFIRMED,
            "confirmed_on": problem.confirmed_on or timezone.localdate(),
            "satisfaction": satisfaction,
            "satisfaction_source": SatisfactionSource.SELF_REPORTED,
            "satisfaction_by": user,
            "feedback": feedback,
        },
        user=user,
        reason="企业确认",
    )


@transaction.atomic
def record_visit(*, user, key_enterprise, problem_fields=None, **fields):
    """A service visit, and the problem it found when there is one."""
    require_item_writer(user)
    visit = _save(ServiceVisit(key_enterprise=key_enterprise, recorded_by=user, **fields))
    if problem_fields:
        _save(
            Problem(
                campaign=key_enterprise.campaign,
                enterprise=key_enterprise.enterprise,
                visit=visit,
                raised_on=visit.visited_on,
                status=ProblemStatus.OPEN,
                **problem_fields,
            )
        )
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
    them. The person must change the password at first login (Person.must_change_password)."""
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
            must_change_password=True,
        )
    )
    return _save(EnterpriseAccount(person=person, enterprise=enterprise))
