from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from core.access import (
    RoleRequiredMixin,
    can_write_items,
    get_visible_department_or_404,
    get_visible_or_404,
    require_item_writer,
    visible_to,
)
from core.forms import add_validation_errors
from core.locking import StaleVersion, apply_stale
from core.parsing import parse_optional_int
from core.roles import is_enterprise_account
from core.scope import campaign_or_404
from enterprises import services
from enterprises.choices import ProblemStatus
from enterprises.forms import (
    EnterpriseConfirmForm,
    EnterpriseProblemForm,
    LandTransferForm,
    ProblemForm,
    ProblemProgressForm,
    PromotionEventForm,
    ServiceVisitForm,
)
from enterprises.models import Enterprise, KeyEnterprise, LandTransfer, Problem, PromotionEvent
from projects.models import Project


def get_visible_enterprise_or_404(user, pk):
    """An enterprise `user` may raise problems on: a unit's those it serves (another unit's is
    a 404, as a project is), an enterprise's account its own, leaders and admins any."""
    try:
        return visible_to(Enterprise.objects.all(), user).get(pk=pk)
    except Enterprise.DoesNotExist:
        raise Http404("没有找到该企业，或不属于您的单位") from None


class ProblemCreateView(RoleRequiredMixin, View):
    template_name = "enterprises/problem_form.html"
    # an enterprise account raises its own 诉求 (owner() refuses any other enterprise)
    open_to_enterprise_accounts = True

    def owner(self, request):
        source = request.POST if request.method == "POST" else request.GET
        project_id = parse_optional_int(source.get("project"), label="项目编号")
        enterprise_id = parse_optional_int(source.get("enterprise"), label="企业编号")
        if project_id is not None:
            return {
                "project": get_visible_or_404(Project.objects.all(), request.user, pk=project_id)
            }
        if enterprise_id is not None:
            return {"enterprise": get_visible_enterprise_or_404(request.user, enterprise_id)}
        raise Http404("请从项目或企业页面提出问题")

    def context(self, form, owner):
        return {
            "form": form,
            "owner": owner,
            "by_enterprise": is_enterprise_account(self.request.user),
        }

    def get(self, request):
        require_item_writer(request.user)
        owner = self.owner(request)
        if is_enterprise_account(request.user):
            form = EnterpriseProblemForm()
        else:
            department = getattr(getattr(request.user, "person", None), "department", None)
            form = ProblemForm(initial={"responsible_department": department})
        return render(request, self.template_name, self.context(form, owner))

    def post(self, request):
        require_item_writer(request.user)
        owner = self.owner(request)
        if is_enterprise_account(request.user):
            return self.post_enterprise(owner)
        form = ProblemForm(request.POST)
        if form.is_valid():
            project = owner.get("project")
            campaign = project.campaign if project else campaign_or_404(request)
            try:
                problem = services.raise_problem(
                    user=request.user,
                    campaign=campaign,
                    today=timezone.localdate(),
                    **owner,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(
                    request, f"问题“{problem.title}”已登记，交办{problem.responsible_department}。"
                )
                if project:
                    return redirect("projects:detail", pk=project.pk)
                return redirect("weekly:home")
        return render(request, self.template_name, self.context(form, owner), status=400)

    def post_enterprise(self, owner):
        """Only title, details and category are read from the request: the date is today's,
        the unit the enterprise's liaison unit, the deadline the 管委会's to set."""
        request = self.request
        if "enterprise" not in owner:
            raise Http404("企业账号只能为本企业提出诉求")
        form = EnterpriseProblemForm(request.POST)
        if form.is_valid():
            try:
                problem = services.raise_enterprise_request(
                    user=request.user,
                    campaign=campaign_or_404(request),
                    enterprise=owner["enterprise"],
                    today=timezone.localdate(),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"诉求“{problem.title}”已提交，由{problem.responsible_department}受理，"
                    "管委会确定办理单位和办结期限后可在本页查看进展。",
                )
                return redirect("enterprises:problem-edit", pk=problem.pk)
        return render(request, self.template_name, self.context(form, owner), status=400)


class ProblemEditView(RoleRequiredMixin, View):
    """The responsible unit answers a 问题; the enterprise that raised it reads the answer."""

    template_name = "enterprises/problem_edit.html"
    open_to_enterprise_accounts = True

    def get_problem(self, pk):
        queryset = Problem.objects.select_related(
            "enterprise", "project", "responsible_department", "visit"
        )
        return get_visible_or_404(queryset, self.request.user, pk=pk)

    def page(self, problem, form, status=200):
        user = self.request.user
        return render(
            self.request,
            self.template_name,
            {
                "problem": problem,
                "form": form,
                "by_enterprise": is_enterprise_account(user),
            },
            status=status,
        )

    def enterprise_form(self, problem, data=None):
        """The enterprise's own account confirms and rates an answered 诉求; before the answer
        it only reads."""
        if problem.status not in (ProblemStatus.RESOLVED, ProblemStatus.CONFIRMED):
            return None
        initial = {
            "version": problem.version,
            "satisfaction": problem.satisfaction,
            "feedback": problem.feedback,
        }
        return EnterpriseConfirmForm(data, initial=initial)

    def get(self, request, pk):
        problem = self.get_problem(pk)
        if is_enterprise_account(request.user):
            return self.page(problem, self.enterprise_form(problem))
        form = ProblemProgressForm(instance=problem, initial={"version": problem.version})
        return self.page(problem, form)

    def post(self, request, pk):
        require_item_writer(request.user)
        problem = self.get_problem(pk)
        if is_enterprise_account(request.user):
            return self.post_enterprise(problem)
        form = ProblemProgressForm(request.POST, instance=Problem.objects.get(pk=problem.pk))
        if form.is_valid():
            changes = {
                name: form.cleaned_data[name]
                for name in ProblemProgressForm.Meta.fields
                if name in form.fields
            }
            try:
                services.update_problem(
                    user=request.user,
                    problem=problem,
                    version=form.cleaned_data["version"],
                    changes=changes,
                    today=timezone.localdate(),
                )
            except StaleVersion as exc:
                apply_stale(form, exc)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"问题“{problem.title}”的办理情况已保存。")
                return redirect("weekly:home")
        return self.page(problem, form, status=400)

    def post_enterprise(self, problem):
        form = self.enterprise_form(problem, self.request.POST)
        if form is None:
            raise PermissionDenied("诉求由责任单位办理，办结后企业账号才能确认和评价")
        if form.is_valid():
            try:
                services.confirm_as_enterprise(
                    user=self.request.user,
                    problem=problem,
                    version=form.cleaned_data["version"],
                    satisfaction=form.cleaned_data["satisfaction"],
                    feedback=form.cleaned_data["feedback"],
                    today=timezone.localdate(),
                )
            except StaleVersion as exc:
                apply_stale(form, exc)
            except ValidationError as exc:
                add_validation_errors(form, exc, default_field="satisfaction")
            else:
                messages.success(self.request, "已确认办理结果，感谢您的评价。")
                return redirect("enterprises:problem-edit", pk=problem.pk)
        return self.page(problem, form, status=400)


class KeyEnterpriseListView(RoleRequiredMixin, View):
    def get(self, request):
        campaign = campaign_or_404(request)
        items = (
            visible_to(KeyEnterprise.objects.active().filter(campaign=campaign), request.user)
            .select_related("enterprise", "service_person", "responsible_department")
            .annotate(visit_count=Count("visits"))
        )
        return render(request, "enterprises/key_list.html", {"campaign": campaign, "items": items})


class KeyEnterpriseDetailView(RoleRequiredMixin, View):
    template_name = "enterprises/key_detail.html"

    def get_item(self, pk):
        queryset = KeyEnterprise.objects.select_related(
            "enterprise", "service_person", "responsible_department", "campaign"
        )
        return get_visible_or_404(queryset, self.request.user, pk=pk)

    def render_page(self, item, form, status=200):
        context = {
            "item": item,
            "form": form,
            "visits": item.visits.select_related("recorded_by__person").prefetch_related(
                "problems"
            ),
            "problems": Problem.objects.active()
            .filter(enterprise=item.enterprise, campaign=item.campaign)
            .select_related("responsible_department"),
            "can_write": can_write_items(self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_page(self.get_item(pk), ServiceVisitForm())

    def post(self, request, pk):
        require_item_writer(request.user)
        item = self.get_item(pk)
        form = ServiceVisitForm(request.POST)
        if form.is_valid():
            try:
                services.record_visit(
                    user=request.user,
                    key_enterprise=item,
                    today=timezone.localdate(),
                    problem_fields=form.problem_fields(),
                    visited_on=form.cleaned_data["visited_on"],
                    visitors=form.cleaned_data["visitors"],
                    findings=form.cleaned_data["findings"],
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "走访记录已保存。")
                return redirect("enterprises:key-detail", pk=item.pk)
        return self.render_page(item, form, status=400)


class CampaignRecordListView(RoleRequiredMixin, View):
    """A campaign-wide register (推介会, 出让土地): everyone reads it, writers add to it."""

    model = None
    form_class = None
    service = None
    template_name = None
    success_message = ""

    def render_page(self, campaign, form, status=200):
        context = {
            "campaign": campaign,
            "records": self.model.objects.filter(campaign=campaign).select_related(),
            "form": form,
            "can_write": can_write_items(self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(campaign_or_404(request), self.form_class())

    def post(self, request):
        require_item_writer(request.user)
        campaign = campaign_or_404(request)
        department_pk = parse_optional_int(
            request.POST.get("responsible_department"), label="责任单位编号"
        )
        if "responsible_department" in self.form_class.base_fields and department_pk is not None:
            # staff register records of their own unit only; another unit's is a 404
            get_visible_department_or_404(request.user, department_pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.service(user=request.user, campaign=campaign, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, self.success_message)
                return redirect(request.get_full_path())
        return self.render_page(campaign, form, status=400)


class PromotionListView(CampaignRecordListView):
    model = PromotionEvent
    form_class = PromotionEventForm
    service = staticmethod(services.add_promotion)
    template_name = "enterprises/promotion_list.html"
    success_message = "推介会已登记。"


class LandTransferListView(CampaignRecordListView):
    model = LandTransfer
    form_class = LandTransferForm
    service = staticmethod(services.add_land_transfer)
    template_name = "enterprises/land_list.html"
    success_message = "出让土地已登记。"
