from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.views import View

from core.access import (
    RoleRequiredMixin,
    can_write_items,
    get_visible_or_404,
    require_item_writer,
    visible_to,
)
from core.forms import add_validation_errors, bind_capped_formset
from core.money import ZERO, percent, quantize_wan
from core.parsing import parse_optional_int
from core.scope import campaign_or_404
from topics.choices import TargetUnit
from topics.forms import (
    DECISION_ROWS_OFFERED,
    ApprovalSolvedForm,
    DecisionFormSet,
    LandFilingForm,
    TopicMeetingForm,
)
from topics.models import ApprovalCase, Decision, TopicMeeting, TopicTarget
from topics.services import add_land_filing, record_meeting, set_approval_solved


class MeetingListView(RoleRequiredMixin, View):
    def get(self, request):
        campaign = campaign_or_404(request)
        meetings = TopicMeeting.objects.filter(campaign=campaign).prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("responsible_department"),
            )
        )
        writable = set()
        if can_write_items(request.user):
            writable = set(
                visible_to(
                    Decision.objects.filter(meeting__campaign=campaign), request.user
                ).values_list("pk", flat=True)
            )
        return render(
            request,
            "topics/meeting_list.html",
            {
                "campaign": campaign,
                "meetings": meetings,
                "can_write": can_write_items(request.user),
                "writable_decisions": writable,
            },
        )


class MeetingCreateView(RoleRequiredMixin, View):
    template_name = "topics/meeting_form.html"

    def get(self, request):
        require_item_writer(request.user)
        campaign_or_404(request)
        return render(
            request,
            self.template_name,
            {"form": TopicMeetingForm(), "decisions": DecisionFormSet(prefix="decisions")},
        )

    def post(self, request):
        require_item_writer(request.user)
        campaign = campaign_or_404(request)
        form = TopicMeetingForm(request.POST)
        decisions = bind_capped_formset(
            DecisionFormSet, request.POST, prefix="decisions", offered=DECISION_ROWS_OFFERED
        )
        if form.is_valid() and decisions.is_valid():
            rows = [d.cleaned_data for d in decisions.forms if d.cleaned_data]
            try:
                meeting = record_meeting(
                    user=request.user,
                    campaign=campaign,
                    meeting_fields=form.cleaned_data,
                    decisions=rows,
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"“{meeting.title}”及 {len(rows)} 条议定事项已保存。")
                return redirect("topics:meetings")
        return render(
            request, self.template_name, {"form": form, "decisions": decisions}, status=400
        )


class LandFilingView(RoleRequiredMixin, View):
    """土地专题: land filed (亩) against the plan's targets."""

    template_name = "topics/land.html"

    def targets(self, campaign):
        return visible_to(
            TopicTarget.objects.filter(campaign=campaign, unit=TargetUnit.MU), self.request.user
        )

    def render_page(self, campaign, form, status=200):
        targets = (
            TopicTarget.objects.filter(campaign=campaign, unit=TargetUnit.MU)
            .select_related("responsible_department")
            .annotate(filed_mu=Coalesce(Sum("land_filings__area_mu"), ZERO))
            .prefetch_related("land_filings")
        )
        for target in targets:
            target.filed_mu = quantize_wan(target.filed_mu)  # SQLite sums as float
            target.share = percent(target.filed_mu, target.quantity)
        context = {
            "campaign": campaign,
            "targets": targets,
            "form": form,
            "can_write": can_write_items(self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        campaign = campaign_or_404(request)
        return self.render_page(campaign, LandFilingForm(targets=self.targets(campaign)))

    def post(self, request):
        require_item_writer(request.user)
        campaign = campaign_or_404(request)
        target_pk = parse_optional_int(request.POST.get("target"), label="目标编号")
        if target_pk is not None:
            # another unit's target is a 404, as for any item that is not the user's
            get_visible_or_404(
                TopicTarget.objects.filter(campaign=campaign), request.user, pk=target_pk
            )
        form = LandFilingForm(request.POST, targets=self.targets(campaign))
        if form.is_valid():
            try:
                add_land_filing(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "土地手续上报已登记。")
                return redirect("topics:land")
        return self.render_page(campaign, form, status=400)


class ApprovalCaseView(RoleRequiredMixin, View):
    """报批验收专题: the enterprises whose approvals are being solved, and their procedures."""

    template_name = "topics/approvals.html"

    def render_page(self, campaign, bad_form=None, status=200):
        cases = (
            ApprovalCase.objects.filter(target__campaign=campaign)
            .select_related("enterprise", "responsible_department", "target")
            .prefetch_related("procedures")
        )
        writable = (
            set(
                visible_to(
                    ApprovalCase.objects.filter(target__campaign=campaign), self.request.user
                ).values_list("pk", flat=True)
            )
            if can_write_items(self.request.user)
            else set()
        )
        rows = []
        for case in cases:
            if bad_form is not None and bad_form.data.get("case") == str(case.pk):
                form = bad_form
            elif case.pk in writable:
                form = ApprovalSolvedForm(initial={"case": case.pk, "solved_on": case.solved_on})
            else:
                form = None
            rows.append((case, form))
        context = {"campaign": campaign, "rows": rows}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(campaign_or_404(request))

    def post(self, request):
        require_item_writer(request.user)
        campaign = campaign_or_404(request)
        form = ApprovalSolvedForm(request.POST)
        if form.is_valid():
            case = get_visible_or_404(
                ApprovalCase.objects.filter(target__campaign=campaign),
                request.user,
                pk=form.cleaned_data["case"],
            )
            try:
                set_approval_solved(
                    user=request.user, case=case, solved_on=form.cleaned_data["solved_on"]
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"{case.enterprise}的报批验收情况已保存。")
                return redirect("topics:approvals")
        return self.render_page(campaign, form, status=400)
