"""反馈与意见征集 pages: the office's list and results (leaders read them), the enterprise's
answer in the portal, the answer through a signed link without login, and the clerk's entry of
a paper answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View

from core.access import RoleRequiredMixin, get_visible_or_404
from core.forms import add_validation_errors
from core.roles import is_enterprise_account
from core.scope import CampaignScopeMixin

from . import feedback
from .access import can_manage_feedback, can_read_feedback, require
from .choices import AnswerChannel
from .forms import ContractorRequestForm, FeedbackAnswerForm, PaperAnswerForm
from .models import FeedbackRequest


def list_url(campaign):
    return f"{reverse('closing:feedback')}?campaign={campaign.slug}"


class FeedbackListView(RoleRequiredMixin, CampaignScopeMixin, View):
    """Office and leaders: every request with its answer and the results as of the day; an
    enterprise account: its own requests, to answer."""

    open_to_enterprise_accounts = True
    template_name = "closing/feedback_list.html"

    def get(self, request):
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        return self.render_page(request)

    def render_page(self, request, contractor_form=None, link=None):
        user = request.user
        if is_enterprise_account(user):
            own = FeedbackRequest.objects.for_enterprise_account(user).filter(
                campaign=self.campaign
            )
            return render(
                request,
                "closing/feedback_own.html",
                {"campaign": self.campaign, "requests": own.select_related("answer")},
            )
        require(can_read_feedback(user), "反馈与意见征集由管委会办公室办理")
        return render(
            request,
            self.template_name,
            {
                "campaign": self.campaign,
                "as_of": self.as_of,
                "results": feedback.feedback_results(self.campaign, self.as_of),
                "can_manage": can_manage_feedback(user),
                "contractor_form": contractor_form or ContractorRequestForm(campaign=self.campaign),
                "link": link,
            },
        )

    def post(self, request):
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        require(can_manage_feedback(request.user), "反馈与意见征集由管委会办公室发出")
        today = timezone.localdate()
        if "project" not in request.POST:
            created = feedback.request_from_served_enterprises(campaign=self.campaign, today=today)
            messages.success(request, f"已向 {len(created)} 家服务企业发出征询")
            return redirect(list_url(self.campaign))
        form = ContractorRequestForm(request.POST, campaign=self.campaign)
        if form.is_valid():
            try:
                feedback.request_from_contractor(
                    campaign=self.campaign, today=today, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_errors(form, error, default_field="unit_name")
            else:
                messages.success(request, f"已向{form.cleaned_data['unit_name']}发出征询")
                return redirect(list_url(self.campaign))
        return self.render_page(request, contractor_form=form)


class FeedbackLinkIssueView(RoleRequiredMixin, View):
    """A new single-use link for one request, shown once on the page that follows."""

    def post(self, request, pk):
        require(can_manage_feedback(request.user), "征询链接由管委会办公室生成")
        feedback_request = get_visible_or_404(FeedbackRequest.objects.all(), request.user, pk=pk)
        try:
            token = feedback.issue_link(
                feedback_request=feedback_request, today=timezone.localdate()
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(list_url(feedback_request.campaign))
        link = request.build_absolute_uri(reverse("closing:feedback-link", args=[token]))
        feedback_request.refresh_from_db()
        return render(
            request,
            "closing/feedback_link.html",
            {"feedback_request": feedback_request, "link": link},
        )


def _answer_page(request, feedback_request, form, *, action, channel):
    return render(
        request,
        "closing/feedback_answer.html",
        {
            "feedback_request": feedback_request,
            "problems": feedback.solved_problems(feedback_request, timezone.localdate()),
            "form": form,
            "action": action,
            "channel": channel,
        },
    )


class FeedbackAnswerView(RoleRequiredMixin, View):
    """An enterprise account answers its own request in the portal; the office records a paper
    answer through the same page (marked as such)."""

    open_to_enterprise_accounts = True

    def get_request(self, request, pk):
        queryset = FeedbackRequest.objects.select_related("campaign")
        if is_enterprise_account(request.user):
            return get_visible_or_404(queryset, request.user, pk=pk)
        require(can_manage_feedback(request.user), "纸质答卷由管委会办公室录入")
        found = queryset.filter(pk=pk).first()
        if found is None:
            raise Http404("没有这项征询")
        return found

    def channel(self, request):
        return AnswerChannel.PORTAL if is_enterprise_account(request.user) else AnswerChannel.PAPER

    def form_class(self, request):
        return FeedbackAnswerForm if is_enterprise_account(request.user) else PaperAnswerForm

    def get(self, request, pk):
        feedback_request = self.get_request(request, pk)
        return _answer_page(
            request,
            feedback_request,
            self.form_class(request)(),
            action=request.path,
            channel=self.channel(request),
        )

    def post(self, request, pk):
        feedback_request = self.get_request(request, pk)
        form = self.form_class(request)(request.POST)
        channel = self.channel(request)
        if form.is_valid():
            try:
                feedback.answer_feedback(
                    feedback_request=feedback_request,
                    scores=form.scores(),
                    comments=form.cleaned_data["comments"],
                    respondent=form.cleaned_data["respondent"],
                    channel=channel,
                    user=request.user,
                    today=timezone.localdate(),
                    answered_on=form.cleaned_data.get("answered_on"),
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, f"{feedback_request.unit_name}的答复已保存，谢谢！")
                return redirect(list_url(feedback_request.campaign))
        return _answer_page(request, feedback_request, form, action=request.path, channel=channel)


@method_decorator(login_not_required, name="dispatch")
class FeedbackLinkAnswerView(View):
    """The answer through a signed link, without login: the page shows only this request's
    unit and its problems; any bad, spent or expired link gets the same message."""

    def get(self, request, token):
        try:
            feedback_request = feedback.request_for_link(token, timezone.localdate())
        except feedback.LinkInvalid as error:
            return render(
                request, "closing/feedback_link_invalid.html", {"message": str(error)}, status=404
            )
        return _answer_page(
            request, feedback_request, FeedbackAnswerForm(), action=request.path, channel="link"
        )

    def post(self, request, token):
        today = timezone.localdate()
        try:
            feedback_request = feedback.request_for_link(token, today)
        except feedback.LinkInvalid as error:
            return render(
                request, "closing/feedback_link_invalid.html", {"message": str(error)}, status=404
            )
        form = FeedbackAnswerForm(request.POST)
        if form.is_valid():
            try:
                feedback.answer_by_link(
                    token=token,
                    scores=form.scores(),
                    comments=form.cleaned_data["comments"],
                    respondent=form.cleaned_data["respondent"],
                    today=today,
                )
            except (ValidationError, feedback.LinkInvalid) as error:
                messages.error(request, str(getattr(error, "message", error)))
            else:
                return render(
                    request, "closing/feedback_thanks.html", {"unit": feedback_request.unit_name}
                )
        return _answer_page(request, feedback_request, form, action=request.path, channel="link")
