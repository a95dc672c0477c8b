"""反馈与意见征集: who is asked (every enterprise the 管委会 served in the campaign, and the
施工单位 of a project the office names), the problems solved for each, the single-use signed
link for units without an account, and the results per dimension and per unit as of a day.

The link is `django.core.signing` over the request's id and a random nonce, with its own salt;
only its SHA-256 is stored, so the database does not hold a usable link, a guessed or altered
link fails the signature, a link whose hash is not the request's (replaced, or used) fails the
comparison, and the request's `expires_on` ends it."""

import datetime
import hashlib
import hmac
import secrets
from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from baidays.notify.models import Message
from core.money import CENT
from enterprises.models import CompetitionEntry, Enterprise, KeyEnterprise, Problem

from .choices import DIMENSIONS, AnswerChannel, RecipientKind, Satisfaction
from .models import FeedbackAnswer, FeedbackRequest

LINK_SALT = "baidays.closing.feedback-link"
LINK_DAYS = 14
INVALID_LINK = "该征询链接无效、已使用或已过期。如需答复，请联系县工业园区管委会办公室。"


class LinkInvalid(Exception):
    """One message for every reason, so a visitor learns nothing from trying links."""

    def __init__(self):
        super().__init__(INVALID_LINK)


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def served_enterprises(campaign, as_of):
    """Enterprises the 管委会 served in the campaign by `as_of`: those with a problem raised,
    the "2112" key enterprises and the 争先杯 entrants."""
    return Enterprise.objects.filter(
        Q(
            pk__in=Problem.objects.active()
            .filter(campaign=campaign)
            .raised_by(as_of)
            .values("enterprise")
        )
        | Q(pk__in=KeyEnterprise.objects.active().filter(campaign=campaign).values("enterprise"))
        | Q(pk__in=CompetitionEntry.objects.active().filter(campaign=campaign).values("enterprise"))
    ).order_by("name")


def problems_of(feedback_request):
    """The ledger's problems of the request's unit (its enterprise's, or its project's)."""
    problems = Problem.objects.active().filter(campaign=feedback_request.campaign)
    if feedback_request.enterprise_id:
        return problems.filter(enterprise_id=feedback_request.enterprise_id)
    return problems.filter(project_id=feedback_request.project_id)


def solved_problems(feedback_request, as_of):
    """The problems the 管委会 helped solve for the unit by the end of `as_of`."""
    return list(
        problems_of(feedback_request)
        .resolved_as_of(as_of)
        .select_related("responsible_department")
        .order_by("resolved_on", "pk")
    )


@transaction.atomic
def request_from_served_enterprises(*, campaign, today):
    """A request to every served enterprise not yet asked; returns the new ones."""
    asked = FeedbackRequest.objects.filter(campaign=campaign, enterprise__isnull=False).values(
        "enterprise"
    )
    created = []
    for enterprise in served_enterprises(campaign, today).exclude(pk__in=asked):
        feedback_request = _create(
            campaign=campaign,
            kind=RecipientKind.ENTERPRISE,
            enterprise=enterprise,
            unit_name=enterprise.name,
            today=today,
        )
        _tell_accounts(feedback_request)
        created.append(feedback_request)
    return created


def _tell_accounts(feedback_request):
    """The enterprise's accounts find the request in their 站内消息, with the page to answer."""
    path = reverse("closing:feedback-answer", args=[feedback_request.pk])
    for account in feedback_request.enterprise.accounts.select_related("person__user"):
        if account.person.user_id is None:
            continue
        Message.objects.create(
            recipient=account.person.user,
            subject="请对管委会的服务提出意见",
            body=(
                f"{feedback_request.campaign.name}进入总结阶段，县工业园区管委会请贵单位对服务情况"
                f"（办事效率、服务态度、问题解决）提出意见，请在 "
                f"{feedback_request.expires_on:%Y-%m-%d} 前填写：{path}"
            ),
        )


@transaction.atomic
def request_from_contractor(*, campaign, project, unit_name, today):
    if project.campaign_id != campaign.pk:
        raise ValidationError({"project": "该项目不属于本次百日行动"})
    return _create(
        campaign=campaign,
        kind=RecipientKind.CONTRACTOR,
        project=project,
        unit_name=unit_name.strip(),
        today=today,
    )


def _create(*, today, **fields):
    feedback_request = FeedbackRequest(
        requested_on=today, expires_on=today + datetime.timedelta(days=LINK_DAYS), **fields
    )
    feedback_request.full_clean()
    feedback_request.save()
    return feedback_request


@transaction.atomic
def issue_link(*, feedback_request, today):
    """A new link (any earlier one stops working), valid LINK_DAYS days; returns its token,
    which is shown once and never stored."""
    locked = FeedbackRequest.objects.select_for_update().get(pk=feedback_request.pk)
    if FeedbackAnswer.objects.filter(request=locked).exists():
        raise ValidationError(f"{locked.unit_name}已答复，不再生成链接")
    token = signing.dumps({"r": locked.pk, "n": secrets.token_urlsafe(16)}, salt=LINK_SALT)
    locked.token_hash = _digest(token)
    locked.expires_on = today + datetime.timedelta(days=LINK_DAYS)
    locked.full_clean()
    locked.save()
    return token


def request_for_link(token, today):
    """The request a link opens, or LinkInvalid (bad signature, not the request's current link,
    already answered, or past `expires_on`)."""
    try:
        payload = signing.loads(token, salt=LINK_SALT)
        pk = int(payload["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkInvalid() from None
    found = FeedbackRequest.objects.filter(pk=pk).select_related("campaign").first()
    if (
        found is None
        or not found.token_hash
        or not hmac.compare_digest(found.token_hash, _digest(token))
        or today > found.expires_on
        or FeedbackAnswer.objects.filter(request=found).exists()
    ):
        raise LinkInvalid()
    return found


@transaction.atomic
def answer_feedback(
    *, feedback_request, scores, comments, respondent, channel, user, today, answered_on=None
):
    """The one answer of a request; `answered_on` is the paper's date for a paper answer."""
    locked = FeedbackRequest.objects.select_for_update().get(pk=feedback_request.pk)
    if FeedbackAnswer.objects.filter(request=locked).exists():
        raise ValidationError(f"{locked.unit_name}已答复，每个征询对象只答复一次")
    answered_on = answered_on or today
    if answered_on < locked.requested_on or answered_on > today:
        raise ValidationError({"answered_on": "答复日期应在征询日期和今天之间"})
    answer = FeedbackAnswer(
        request=locked,
        comments=comments,
        respondent=respondent,
        channel=channel,
        answered_on=answered_on,
        recorded_by=user,
        **scores,
    )
    answer.full_clean()
    answer._history_user = user
    answer.save()
    if channel == AnswerChannel.LINK or locked.token_hash:
        locked.token_hash = ""  # the link is spent
        locked.save(update_fields=["token_hash"])
    return answer


@transaction.atomic
def answer_by_link(*, token, scores, comments, respondent, today):
    feedback_request = request_for_link(token, today)
    return answer_feedback(
        feedback_request=feedback_request,
        scores=scores,
        comments=comments,
        respondent=respondent,
        channel=AnswerChannel.LINK,
        user=None,
        today=today,
    )


def _average(values):
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(CENT)


def feedback_results(campaign, as_of):
    """Requests and answers as they stood at the end of `as_of`: per dimension the average score
    and how many answered each level; per unit its scores."""
    requests = list(
        FeedbackRequest.objects.filter(campaign=campaign)
        .requested_by(as_of)
        .select_related("enterprise", "project")
        .order_by("kind", "unit_name")
    )
    answers = {
        answer.request_id: answer
        for answer in FeedbackAnswer.objects.filter(
            request__in=[r.pk for r in requests], answered_on__lte=as_of
        )
    }
    dimensions = []
    for field, label in DIMENSIONS:
        values = [getattr(answer, field) for answer in answers.values()]
        dimensions.append(
            {
                "field": field,
                "label": label,
                "average": _average(values),
                "levels": [
                    {"label": level.label, "count": values.count(level.value)}
                    for level in Satisfaction
                ],
            }
        )
    units = [{"request": request, "answer": answers.get(request.pk)} for request in requests]
    return {
        "requested": len(requests),
        "answered": len(answers),
        "dimensions": dimensions,
        "units": units,
    }
