"""工作小结 pages: the list and 起草 (the office), a draft's page with its figures, sections,
签发 (a leader) and 上报 (the office), each as it stood on the page's as-of day; 下载公文."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core.access import RoleRequiredMixin
from core.forms import add_validation_errors
from core.history import change_history, user_name
from core.scope import CampaignScopeMixin

from . import work_summary as summaries
from .access import can_issue, can_read_briefing, can_write_narrative, require
from .forms import ReportForm, WorkSummaryForm
from .models import WorkSummary


def summary_url(work_summary):
    return reverse("closing:summary", args=[work_summary.pk])


class WorkSummaryListView(RoleRequiredMixin, CampaignScopeMixin, View):
    def get(self, request):
        require(can_read_briefing(request.user), "工作小结供领导和管委会办公室使用")
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        drafts = WorkSummary.objects.filter(campaign=self.campaign, drafted_on__lte=self.as_of)
        return render(
            request,
            "closing/summary_list.html",
            {
                "campaign": self.campaign,
                "as_of": self.as_of,
                "drafts": drafts,
                "can_draft": can_write_narrative(request.user),
            },
        )

    def post(self, request):
        require(can_write_narrative(request.user), "工作小结由管委会办公室起草")
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        draft = summaries.draft(
            campaign=self.campaign, user=request.user, today=timezone.localdate()
        )
        messages.success(request, "已按今天的数据起草工作小结，请撰写各部分后报领导签发")
        return redirect(summary_url(draft))


class WorkSummaryView(RoleRequiredMixin, CampaignScopeMixin, View):
    template_name = "closing/summary.html"

    def get_object(self, request, pk):
        require(can_read_briefing(request.user), "工作小结供领导和管委会办公室使用")
        return get_object_or_404(WorkSummary.objects.select_related("campaign"), pk=pk)

    def render_page(self, request, current, form=None, report_form=None):
        self.resolve_scope()
        past = self.as_of < timezone.localdate()
        shown = summaries.as_it_stood(current, self.as_of if past else None)
        if shown is None:
            raise Http404(f"该工作小结在 {self.as_of:%Y-%m-%d} 尚未起草")
        user = request.user
        editable = not past and current.issued_at is None
        return render(
            request,
            self.template_name,
            {
                "summary": shown,
                "campaign": current.campaign,
                "as_of": self.as_of,
                "past": past,
                "rows": summaries.activity_rows(shown.figures),
                "figures": shown.figures,
                "issuer": user_name(shown.issued_by) if shown.issued_by_id else "",
                "form": form or WorkSummaryForm(instance=current),
                "report_form": report_form
                or ReportForm(initial={"reported_on": timezone.localdate()}),
                "can_edit": editable and can_write_narrative(user),
                "can_issue": editable and can_issue(user),
                "can_report": not past
                and current.issued_at is not None
                and current.reported_on is None
                and can_write_narrative(user),
                "history": change_history(current, as_of=self.as_of if past else None),
            },
        )

    def get(self, request, pk):
        return self.render_page(request, self.get_object(request, pk))

    def post(self, request, pk):
        current = self.get_object(request, pk)
        action = request.POST.get("action")
        today = timezone.localdate()
        try:
            if action == "issue":
                require(can_issue(request.user), "工作小结由领导签发")
                summaries.issue(work_summary=current, user=request.user, now=timezone.now())
                messages.success(request, "工作小结已签发")
            elif action == "report":
                return self.report(request, current, today)
            else:
                return self.edit(request, current)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(summary_url(current))

    def edit(self, request, current):
        require(can_write_narrative(request.user), "工作小结由管委会办公室撰写")
        form = WorkSummaryForm(request.POST, instance=current)
        if form.is_valid():
            try:
                summaries.edit(work_summary=current, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "工作小结已保存")
                return redirect(summary_url(current))
        current.refresh_from_db()
        return self.render_page(request, current, form=form)

    def report(self, request, current, today):
        require(can_write_narrative(request.user), "工作小结由管委会办公室上报")
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                summaries.report(
                    work_summary=current,
                    user=request.user,
                    reported_on=form.cleaned_data["reported_on"],
                    today=today,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "已标记为上报")
                return redirect(summary_url(current))
        return self.render_page(request, current, report_form=form)
