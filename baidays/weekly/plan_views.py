"""Plan items marked done with their evidence, and the 总结阶段 责任人评议."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from baidays.weekly.done import DONE_KINDS, mark_progress
from baidays.weekly.forms import EvaluationForm, MarkDoneForm
from baidays.weekly.selectors import current_scope, responsible_people
from baidays.weekly.services import evaluate_person
from baidays.weekly.views import NoCampaignMixin, WriterRequiredMixin
from core.access import RoleRequiredMixin, get_visible_or_404
from core.forms import add_validation_errors
from core.locking import StaleVersion, apply_stale
from core.media import send_upload
from core.models import PersonEvaluation
from core.parsing import parse_int
from core.selectors import current_phase
from supervision.assessment import assess
from supervision.assessment_people import STARTING_RULE, starting_points


class MarkDoneView(WriterRequiredMixin, View):
    """议定事项, 电力项目, 规划节点, 阶段任务: status, completion date, evidence file."""

    template_name = "weekly/mark_done.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.done_kind = DONE_KINDS.get(kwargs["kind"])
        if self.done_kind is None:
            raise Http404("没有这类事项")

    def get_item(self, pk):
        kind = self.done_kind
        return get_visible_or_404(kind.queryset(), self.request.user, pk=pk)

    def render_page(self, item, form, status=200):
        context = {"kind": self.done_kind, "item": item, "title": self.done_kind.title_of(item)}
        return render(self.request, self.template_name, {**context, "form": form}, status=status)

    def get(self, request, kind, pk):
        item = self.get_item(pk)
        form = MarkDoneForm(
            initial={
                "version": item.version,
                "status": item.status,
                "completed_on": item.completed_on or timezone.localdate(),
                "result": item.result,
            },
        )
        return self.render_page(item, form)

    def post(self, request, kind, pk):
        item = self.get_item(pk)
        form = MarkDoneForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                mark_progress(
                    user=request.user,
                    kind=self.done_kind,
                    item=item,
                    version=data["version"] or 0,
                    status=data["status"],
                    completed_on=data["completed_on"],
                    result=data["result"].strip(),
                    evidence=data["evidence"],
                )
            except StaleVersion as exc:
                apply_stale(form, exc)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(
                    request, f"{self.done_kind.label}“{self.done_kind.title_of(item)}”已更新。"
                )
                return redirect("weekly:home")
        return self.render_page(item, form, status=400)


class EvaluationListView(WriterRequiredMixin, NoCampaignMixin, View):
    """总结阶段 责任人评议 of the people responsible for the user's unit's items (all of them
    for admins)."""

    template_name = "weekly/evaluations.html"

    def people(self, campaign):
        scores = PersonEvaluation.objects.filter(campaign=campaign, person=OuterRef("pk"))
        return (
            responsible_people(self.request.user, campaign)
            .select_related("department")
            .annotate(
                score=Subquery(scores.values("score")[:1]),
                grade=Subquery(scores.values("grade")[:1]),
                comment=Subquery(scores.values("comment")[:1]),
            )
        )

    def render_page(self, campaign, bad_person=None, bad_form=None, status=200):
        today = timezone.localdate()
        phase = current_phase(campaign, today)
        people = list(self.people(campaign))
        # the 考核 as of today is where each 评议 starts (supervision.assessment_people)
        assessment = assess(campaign, today)
        starting = starting_points(assessment, [person.pk for person in people])
        rows = []
        for person in people:
            start = starting.get(person.pk)
            if bad_person is not None and person.pk == bad_person.pk:
                form = bad_form
            else:
                offered = start.score if start is not None else None
                form = EvaluationForm(
                    prefix=f"p{person.pk}",
                    initial={
                        "score": person.score if person.score is not None else offered,
                        "grade": person.grade,
                        "comment": person.comment,
                    },
                )
            rows.append((person, form, start))
        units = {row.department.pk: row for start in starting.values() for row, _n in start.units}
        return render(
            self.request,
            self.template_name,
            {
                "campaign": campaign,
                "rows": rows,
                "phase": phase,
                "assessment": assessment,
                "units": sorted(units.values(), key=lambda row: (row.rank, row.department.name)),
                "starting_rule": STARTING_RULE,
            },
            status=status,
        )

    def get(self, request):
        campaign, _week = current_scope(request)
        if campaign is None:
            return self.no_campaign(request)
        return self.render_page(campaign)

    def post(self, request):
        campaign, _week = current_scope(request)
        if campaign is None:
            return self.no_campaign(request)
        person_pk = parse_int(request.POST.get("person"), label="责任人编号")
        person = responsible_people(request.user, campaign).filter(pk=person_pk).first()
        if person is None:
            raise Http404("没有这位责任人，或其负责的事项不属于您的单位")
        form = EvaluationForm(request.POST, prefix=f"p{person.pk}")
        if form.is_valid():
            try:
                evaluate_person(
                    user=request.user, campaign=campaign, person=person, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已保存对{person.name}的评议。")
                return redirect("weekly:evaluations")
        return self.render_page(campaign, person, form, status=400)


class EvidenceFileView(RoleRequiredMixin, View):
    """佐证材料, served through the access rules (leaders read every unit's)."""

    def get(self, request, kind, pk):
        done_kind = DONE_KINDS.get(kind)
        if done_kind is None:
            raise Http404("没有这类事项")
        item = get_visible_or_404(done_kind.queryset(), request.user, pk=pk)
        if not item.evidence:
            raise Http404("该事项没有佐证材料")
        return send_upload(request, item.evidence.name)
