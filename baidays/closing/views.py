"""The office writes the briefing's narrative, a leader 签发 it; the unit 签收 its 督办通知单."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core.access import RoleRequiredMixin, get_visible_or_404
from core.forms import add_validation_errors
from core.history import change_history
from core.scope import CampaignScopeMixin
from supervision.links import notice_url, scope_query
from supervision.models import Supervision

from . import services
from .access import can_issue, can_read_briefing, can_receive, can_write_narrative, require
from .forms import NarrativeForm
from .models import BriefingNarrative
from .selectors import issuer_name


class NarrativeView(RoleRequiredMixin, CampaignScopeMixin, View):
    """工作动态、存在问题、下步工作 of the briefing of one week, with its 签发 and history."""

    template_name = "closing/narrative.html"

    def setup_scope(self, request, week):
        require(can_read_briefing(request.user), "工作简报供领导和管理委员会办公室使用")
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        if not 1 <= week <= self.campaign.weeks_total:
            raise Http404(f"没有第 {week} 期简报")
        return BriefingNarrative.objects.filter(campaign=self.campaign, week=week).first()

    def page_url(self, week):
        query = urlencode({"campaign": self.campaign.slug})
        return f"{reverse('closing:narrative', args=[week])}?{query}"

    def render_page(self, request, week, narrative, form=None):
        user = request.user
        issued = narrative is not None and narrative.issued
        briefing_query = urlencode({"campaign": self.campaign.slug})
        return render(
            request,
            self.template_name,
            {
                "campaign": self.campaign,
                "week": week,
                "narrative": narrative,
                "issuer": issuer_name(narrative),
                "form": form or NarrativeForm(instance=narrative),
                "can_write": can_write_narrative(user) and not issued,
                "can_issue": can_issue(user)
                and narrative is not None
                and not narrative.is_empty
                and not issued,
                "history": change_history(narrative) if narrative else [],
                "briefing_url": f"{reverse('dashboards:briefing')}?{briefing_query}",
            },
        )

    def get(self, request, week):
        narrative = self.setup_scope(request, week)
        return self.render_page(request, week, narrative)

    def post(self, request, week):
        narrative = self.setup_scope(request, week)
        require(can_write_narrative(request.user), "简报文字由管委会办公室撰写")
        form = NarrativeForm(request.POST, instance=narrative)
        if form.is_valid():
            try:
                services.save_narrative(
                    campaign=self.campaign,
                    week=week,
                    user=request.user,
                    today=timezone.localdate(),
                    **{name: form.cleaned_data[name] for name in NarrativeForm.Meta.fields},
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, f"第 {week} 期简报文字已保存")
                return redirect(self.page_url(week))
        return self.render_page(request, week, narrative, form=form)


class NarrativeIssueView(NarrativeView):
    def get(self, request, week):
        self.setup_scope(request, week)
        raise Http404("签发请在简报文字页面提交")

    def post(self, request, week):
        narrative = self.setup_scope(request, week)
        require(can_issue(request.user), "简报由领导签发")
        try:
            services.issue_narrative(
                campaign=self.campaign, week=week, user=request.user, now=timezone.now()
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_page(request, week, narrative)
        messages.success(request, f"第 {week} 期简报已签发")
        return redirect(self.page_url(week))


class SupervisionReceiptView(RoleRequiredMixin, View):
    """签收 of a 督办通知单 by a person of its responsible unit."""

    def post(self, request, pk):
        supervision = get_visible_or_404(Supervision.objects.all(), request.user, pk=pk)
        require(can_receive(request.user, supervision), "督办通知单由责任单位签收")
        try:
            services.receive_supervision(
                supervision=supervision, user=request.user, now=timezone.now()
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "督办通知单已签收")
        return redirect(notice_url(supervision, scope_query(supervision.campaign, request)))
