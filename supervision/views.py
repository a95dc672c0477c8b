"""督办 pages: the leaders' list (units see their own), the printable A4 督办通知单 with the
unit's answer and a leader's closing, each on the one access rule of core.access."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from core.access import (
    RoleRequiredMixin,
    can_answer_supervisions,
    can_close_supervisions,
    get_visible_or_404,
    require_item_writer,
    visible_to,
)
from core.campaign_settings import CampaignRules
from core.forms import add_validation_errors
from core.history import change_history
from core.lag import rule_text as lag_rule_text
from core.media import send_upload
from core.paging import query_without_page
from core.parsing import parse_optional_int
from core.scope import CampaignScopeMixin
from supervision import services
from supervision.causes import supervised_kinds
from supervision.forms import AnswerForm, CloseForm, SupervisionFilterForm
from supervision.links import attach_links, notice_url, scope_query
from supervision.models import Supervision
from supervision.selectors import PAGE_SIZE, supervision_list, with_state_as_of


def supervision_rule_text(campaign):
    """The 督办 rule as the list and the notice print it; what makes an item red is the one lag
    rule of core.lag, quoted as it is applied."""
    rules = CampaignRules.of(campaign)
    return (
        f"督办规则：项目为红色（{lag_rule_text(campaign)}）、连续两周未报周报，"
        f"或{'、'.join(kind.label for kind in supervised_kinds())}逾期未完成时发黄牌给责任单位，"
        f"{rules.answer_days} 天内答复；"
        f"发单 {rules.escalation_days} 天后仍未销号升级为红牌，抄送责任领导和领导办公室；"
        "原因消除后自动销号，或由领导销号。"
    )


class SupervisionListView(RoleRequiredMixin, CampaignScopeMixin, View):
    template_name = "supervision/list.html"

    def get(self, request):
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        form = SupervisionFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        rows = supervision_list(
            visible_to(Supervision.objects.all(), request.user),
            self.campaign,
            self.as_of,
            level=filters.get("level", ""),
            cause=filters.get("cause", ""),
            department=filters.get("department"),
            state=filters.get("state", ""),
        )
        page = Paginator(rows, PAGE_SIZE).get_page(
            parse_optional_int(request.GET.get("page"), label="页码", default=1)
        )
        scope_qs = scope_query(self.campaign, request, self.as_of_error)
        with_state_as_of(attach_links(page, scope_qs, request.user), self.as_of)
        counts = (
            visible_to(Supervision.objects.all(), request.user)
            .filter(campaign=self.campaign)
            .counts_as_of(self.as_of)
        )
        return render(
            request,
            self.template_name,
            {
                "campaign": self.campaign,
                "as_of": self.as_of,
                "as_of_error": self.as_of_error,
                "form": form,
                "page_obj": page,
                "page_query": query_without_page(request),
                "counts": counts,
                "rule": supervision_rule_text(self.campaign),
                "scope_qs": scope_qs,
            },
        )


class SupervisionNoticeView(RoleRequiredMixin, CampaignScopeMixin, View):
    """The A4 督办通知单: what, why, to whom, by when; the answer and the closing."""

    template_name = "supervision/notice.html"

    def get_object(self, request, pk):
        return get_visible_or_404(
            Supervision.objects.select_related("campaign", "department", "leader"),
            request.user,
            pk=pk,
        )

    def render_page(self, request, supervision, answer_form=None, close_form=None):
        self.resolve_scope()
        user = request.user
        as_of = self.as_of
        # a past day shows the 督办单 as it stood at its end (level, answer, closing, history)
        # and offers no answer or closing: those are made today, and the answer form would
        # show an answer given after that day
        past = as_of < timezone.localdate()
        # the 督办单's own campaign, whatever the request named
        scope_qs = scope_query(supervision.campaign, request, self.as_of_error)
        attach_links([supervision], scope_qs, user)
        with_state_as_of([supervision], as_of)
        writable = not past and supervision.closed_on is None
        return render(
            request,
            self.template_name,
            {
                "supervision": supervision,
                "as_of": as_of,
                "past": past,
                "today_url": notice_url(supervision, scope_query(supervision.campaign, None)),
                "answer_form": answer_form or AnswerForm(instance=supervision),
                "close_form": close_form or CloseForm(),
                "can_answer": writable and can_answer_supervisions(request.user),
                "can_close": writable and can_close_supervisions(request.user),
                "history": change_history(supervision, as_of=as_of),
                "rule": supervision_rule_text(supervision.campaign),
                "scope_qs": scope_qs,
            },
        )

    def get(self, request, pk):
        return self.render_page(request, self.get_object(request, pk))

    def post(self, request, pk):
        supervision = self.get_object(request, pk)
        today = timezone.localdate()
        if "close_note" in request.POST:
            if not can_close_supervisions(request.user):
                raise PermissionDenied("只有领导可以为督办单销号")
            form = CloseForm(request.POST)
            if form.is_valid():
                try:
                    services.close_by_leader(
                        supervision=supervision,
                        user=request.user,
                        note=form.cleaned_data["close_note"],
                        today=today,
                    )
                except ValidationError as error:
                    add_validation_errors(form, error)
                else:
                    messages.success(request, "督办单已销号")
                    return redirect(
                        notice_url(supervision, scope_query(supervision.campaign, request))
                    )
            return self.render_page(request, supervision, close_form=form)
        require_item_writer(request.user)
        form = AnswerForm(request.POST, request.FILES, instance=supervision)
        if form.is_valid():
            try:
                services.answer(
                    supervision=Supervision.objects.get(pk=pk),
                    user=request.user,
                    measures=form.cleaned_data["measures"],
                    promised_on=form.cleaned_data["promised_on"],
                    evidence=form.cleaned_data.get("evidence"),
                    today=today,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "整改答复已提交")
                return redirect(notice_url(supervision, scope_query(supervision.campaign, request)))
        return self.render_page(request, supervision, answer_form=form)


class SupervisionEvidenceView(RoleRequiredMixin, View):
    """The answer's 佐证材料, for whoever may read the 督办单 (its unit, the leaders, admins),
    served through core.media.send_upload."""

    def get(self, request, pk):
        supervision = get_visible_or_404(Supervision.objects.all(), request.user, pk=pk)
        if not supervision.evidence:
            raise Http404("该督办单没有佐证材料")
        return send_upload(request, supervision.evidence.name)
