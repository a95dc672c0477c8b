"""The reviewer's page: every report of the week from the reviewer's unit, approved or returned
one by one or all at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from baidays.weekly.review import (
    Decision,
    require_any_review_right,
    return_reasons,
    review_reports,
    reviewable_reports,
)
from baidays.weekly.selectors import current_scope
from baidays.weekly.tracked import KINDS, parse_row_key
from baidays.weekly.views import NoCampaignMixin, _week_param
from core.access import RoleRequiredMixin
from core.choices import ReportState
from core.roles import department_of, is_enterprise_account


def review_rows(user, campaign, week, posted=None):
    """The week's reports `user` reviews, each with the reason of its latest return and, when
    a submission was refused, the decision and reason typed for it (kept, never reset)."""
    posted = posted or {}
    rows = []
    for kind in KINDS.values():
        reports = reviewable_reports(user, campaign, week, kind).select_related(
            *(f"{kind.item_field}__{name}" for name in kind.related),
            "reporter__person",
        )
        for report in reports.order_by("state", "pk"):
            rows.append(
                {
                    "kind": kind,
                    "key": f"{kind.key}-{report.pk}",
                    "report": report,
                    "item": getattr(report, kind.item_field),
                    "by_enterprise": is_enterprise_account(report.reporter),
                    "chosen": posted.get(f"decision-{kind.key}-{report.pk}", ""),
                    "typed_reason": posted.get(f"reason-{kind.key}-{report.pk}", ""),
                }
            )
    reasons = return_reasons([row["report"] for row in rows])
    for row in rows:
        row["return_reason"] = reasons.get((type(row["report"]), row["report"].pk), "")
    return rows


class ReviewView(RoleRequiredMixin, NoCampaignMixin, View):
    template_name = "weekly/review.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_any_review_right(request.user)
        return super().dispatch(request, *args, **kwargs)

    def _scope(self, request):
        campaign, current_week = current_scope(request)
        return campaign, current_week, _week_param(request, current_week) if campaign else 0

    def get(self, request):
        campaign, current_week, week = self._scope(request)
        if campaign is None:
            return self.no_campaign(request)
        return self._render(request, campaign, current_week, week)

    def post(self, request):
        campaign, current_week, week = self._scope(request)
        if campaign is None:
            return self.no_campaign(request)
        if "approve_all" in request.POST:
            decisions = [
                Decision(row["kind"].key, row["report"].pk, "approve")
                for row in review_rows(request.user, campaign, week)
                if row["report"].state == ReportState.PENDING
            ]
        else:
            decisions = []
            for name, action in request.POST.items():
                parsed = parse_row_key(name.removeprefix("decision-"))
                if name.startswith("decision-") and parsed and action:
                    reason = request.POST.get(f"reason-{parsed[0].key}-{parsed[1]}", "")
                    decisions.append(Decision(parsed[0].key, parsed[1], action, reason))
        if not decisions:
            messages.info(request, "没有选择要审核的周报。")
            return redirect(self._url(week, current_week))
        try:
            counts = review_reports(user=request.user, decisions=decisions)
        except ValidationError as exc:
            return self._render(request, campaign, current_week, week, exc.messages, status=400)
        messages.success(
            request,
            f"第 {week} 周审核完成：通过 {counts['approve']} 份，退回 {counts['return']} 份。",
        )
        return redirect(self._url(week, current_week))

    def _url(self, week, current_week):
        url = reverse("weekly:review")
        return url if week == current_week else f"{url}?week={week}"

    def _render(self, request, campaign, current_week, week, errors=(), status=200):
        rows = review_rows(request.user, campaign, week, request.POST)
        return render(
            request,
            self.template_name,
            {
                "campaign": campaign,
                "week": week,
                "current_week": current_week,
                "weeks": range(current_week, 0, -1),
                "rows": rows,
                "pending": sum(row["report"].state == ReportState.PENDING for row in rows),
                # a reviewer lands here; their unit's page is one link away
                "own_department": department_of(request.user),
                "errors": errors,
            },
            status=status,
        )
