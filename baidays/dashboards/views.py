from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView, View

from audit.choices import Event
from audit.services import record
from core.access import (
    Landing,
    RoleRequiredMixin,
    can_instruct,
    get_visible_department_or_404,
    landing_of,
    require_leader_or_admin,
)
from core.choices import PhaseKind
from core.lag import rule_text
from core.models import Department
from core.parsing import parse_int
from core.roles import department_of
from core.scope import CampaignScopeMixin, scope_of
from core.selectors import cacheable_generation
from core.services import create_instruction

from . import selectors
from .assessment_export import assessment_filename, assessment_workbook
from .briefing import briefing, briefing_workbook
from .forms import InstructionForm
from .park_map import park_map
from .reviewed import REPORT_PARTS, REPORTING_RULE
from .summary import cached_campaign_summary

# a reviewer works from the week's reports to review (their unit's page is one link away)
HOME_OF_REVIEWERS = "weekly:review"
PAGE_SIZE = 50
SCREEN_REFRESH_SECONDS = 300
SCREEN_MISSING_ROWS = 3
# the right column also holds the unit ranking (and the map when uploaded): the top of 红榜
# and the bottom of 黑榜, this many of each
SCREEN_BOARD_ROWS = 2
SCREEN_LAGGING_ROWS = 3


def common_context(request, campaign=None):
    return {
        "scope_qs": scope_query(request),
        "can_instruct": can_instruct(request.user),
        "lag_rule": rule_text(campaign),
        "reporting_rule": REPORTING_RULE,
    }


def scope_query(request):
    """The `campaign`/`as_of` of the request, to carry over to the next dashboard."""
    return scope_of(request).query()


class DashboardMixin(RoleRequiredMixin, CampaignScopeMixin):
    """Leaders and admins read every dashboard; each is scoped to a campaign and an as-of."""

    leaders_only = True
    template_without_campaign = "dashboards/no_campaign.html"

    def dispatch(self, request, *args, **kwargs):
        if self.leaders_only and request.user.is_authenticated and not can_instruct(request.user):
            raise PermissionDenied("该页面供领导和管理员查看")
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        if self.campaign is None:
            return [self.template_without_campaign]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.campaign,
            as_of=self.as_of,
            as_of_error=self.as_of_error,
            **common_context(self.request, self.campaign),
        )
        if self.campaign is not None:
            self.scope = selectors.Scope(self.campaign, self.as_of)
            context["scope"] = self.scope
            context.update(self.dashboard_context())
        return context

    def get(self, request, *args, **kwargs):
        self.resolve_scope()
        return super().get(request, *args, **kwargs)

    def dashboard_context(self):
        return {}


class PhaseView(DashboardMixin, TemplateView):
    template_name = "dashboards/phase.html"

    def dashboard_context(self):
        kind = self.kwargs["kind"]
        if kind not in PhaseKind.values:
            raise Http404("没有这个阶段")
        detail = selectors.phase_detail(self.scope, kind)
        if detail is None:
            raise Http404("该百日行动没有这个阶段")
        return {**detail, "kind": kind, "phases": self.campaign.phases.all()}


class DepartmentListView(DashboardMixin, TemplateView):
    template_name = "dashboards/departments.html"

    def dashboard_context(self):
        assessment = selectors.department_assessment(self.scope)
        return {
            "rows": selectors.department_table(self.scope, assessment),
            "assessment": assessment,
        }


class DepartmentDetailView(DashboardMixin, TemplateView):
    """Leaders and admins see every unit; staff see their own unit only (another is a 404)."""

    template_name = "dashboards/department.html"
    leaders_only = False

    def dashboard_context(self):
        department = get_visible_department_or_404(self.request.user, self.kwargs["pk"])
        return {"department": department, **selectors.department_detail(self.scope, department)}


class LeagueView(DashboardMixin, TemplateView):
    template_name = "dashboards/league.html"

    def dashboard_context(self):
        standings = selectors.league_standings(self.scope)
        page = Paginator(standings, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return {
            "rows": selectors.league_rows(self.scope, page.object_list),
            "page_obj": page,
            "page_query": urlencode({k: v for k, v in self.request.GET.items() if k != "page"}),
            "entries_count": len(standings),
            "red_board_count": sum(1 for row in standings if row["board"] == "red"),
            "black_board_count": sum(1 for row in standings if row["board"] == "black"),
            "board_rule": selectors.BOARD_RULE,
            "rank_rule": selectors.rank_rule(self.campaign),
            "summary": cached_campaign_summary(self.campaign, self.as_of),
        }


class ScreenView(DashboardMixin, TemplateView):
    template_name = "dashboards/screen.html"

    def dashboard_context(self):
        context = selectors.overview(self.campaign, self.as_of)
        context.update(screen_boards(self.scope))
        context["board_rule"] = selectors.BOARD_RULE
        context["rank_label"] = selectors.rank_label(self.campaign)
        context["lagging"] = context["lagging"][:SCREEN_LAGGING_ROWS]
        context["refresh_seconds"] = SCREEN_REFRESH_SECONDS
        context["insights"] = selectors.insights(self.scope, summary=context["summary"])
        context["map"] = park_map(self.scope)
        # the panel has room for a few units; the others are one "等" row, so the rows add up
        # to the figure above them
        missing = selectors.missing_reports_by_department(self.scope)
        context["missing_shown"] = missing[:SCREEN_MISSING_ROWS]
        rest = missing[SCREEN_MISSING_ROWS:]
        context["missing_rest"] = {
            "units": len(rest),
            **{part: sum(row[part] for row in rest) for part in REPORT_PARTS},
        }
        summary = context["summary"]
        context["gauge_infrastructure"] = screen_gauge(summary["infrastructure"])
        context["gauge_competition"] = screen_gauge(summary["competition"])
        return context


def screen_boards(scope):
    """The big screen's 红黑榜: the first of 红榜 (highest completion first) and the last of
    黑榜 (lowest first), each with its count; one query for both boards' entries."""
    standings = selectors.league_standings(scope)
    red = [row for row in standings if row["board"] == "red"]
    black = [row for row in reversed(standings) if row["board"] == "black"]
    rows = selectors.league_rows(scope, red[:SCREEN_BOARD_ROWS] + black[:SCREEN_BOARD_ROWS])
    shown_red = min(len(red), SCREEN_BOARD_ROWS)
    return {
        "red_board": rows[:shown_red],
        "black_board": rows[shown_red:],
        "red_board_count": len(red),
        "black_board_count": len(black),
    }


# the big screen's colours of the lag (static/css/screen.css, .c-green / .c-yellow / .c-red)
SCREEN_LAG_COLOURS = {"green": "#69f0ae", "yellow": "#ffd54f", "red": "#ff6b5b"}


def screen_gauge(block):
    """A KPI block as the big screen's gauge draws it: completed and planned to date (same
    base), in the block's colour (core.lag.aggregate_lag, the summary's `lag`)."""
    return {
        "percent": block["percent"],
        "due_percent": block["due_percent"],
        "lag": block["lag"],
        "color": SCREEN_LAG_COLOURS[block["lag"]],
    }


class BriefingView(DashboardMixin, TemplateView):
    template_name = "dashboards/briefing.html"

    def dashboard_context(self):
        return briefing(self.campaign, self.as_of)


def xlsx_response(content, filename):
    record(event=Event.EXPORT, target=filename)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class BriefingExcelView(DashboardMixin, View):
    def get(self, request):
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        content = briefing_workbook(briefing(self.campaign, self.as_of))
        return xlsx_response(
            content, f"briefing-{self.campaign.slug}-{self.as_of.isoformat()}.xlsx"
        )


class AssessmentExcelView(DashboardMixin, View):
    """The 考核 of the department dashboard as a workbook, as of the same day."""

    def get(self, request):
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        assessment = selectors.department_assessment(selectors.Scope(self.campaign, self.as_of))
        return xlsx_response(assessment_workbook(assessment), assessment_filename(assessment))


class ItemListMixin(DashboardMixin):
    """A full, paginated list of tracked items (projects or 争先杯 entries), optionally of one
    unit; the overview shows only its top rows."""

    template_name = "dashboards/item_list.html"

    def list_queryset(self, kind, department):
        raise NotImplementedError

    def dashboard_context(self):
        kind = selectors.KINDS.get(self.request.GET.get("kind") or "project")
        if kind is None:
            raise Http404("没有这种事项")
        department = None
        raw_department = self.request.GET.get("department")
        if raw_department:
            department_pk = parse_int(raw_department, label="单位编号")
            department = get_object_or_404(Department, pk=department_pk)
        paginator = Paginator(self.list_queryset(kind, department), PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        rows = [selectors.item_row(item, kind, self.scope) for item in page.object_list]
        selectors.attach_instructions(rows, self.scope.as_of)
        query = {key: value for key, value in self.request.GET.items() if key != "page"}
        return {
            "kind": kind,
            "kinds": selectors.KINDS.values(),
            "department": department,
            "page_obj": page,
            "rows": rows,
            "list_title": self.list_title,
            "list_url_name": self.request.resolver_match.view_name,
            "base_query": urlencode({k: v for k, v in query.items() if k != "kind"}),
            "page_query": urlencode(query),
        }


class LaggingListView(ItemListMixin, TemplateView):
    list_title = "滞后事项"

    def list_queryset(self, kind, department):
        return selectors.LaggingItems(kind, self.scope, department)


class MissingListView(ItemListMixin, TemplateView):
    list_title = "本周未报"

    def list_queryset(self, kind, department):
        return selectors.missing_queryset(kind, self.scope, department)


class InstructionCreateView(RoleRequiredMixin, View):
    """A leader's 批示 from a dashboard list; the item pages show it to the item's staff."""

    def post(self, request):
        require_leader_or_admin(request.user)
        form = InstructionForm(request.POST)
        back = request.POST.get("next") or "/"
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = "/"
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, f"批示未保存：{error}")
            return redirect(back)
        kind = selectors.KINDS[form.cleaned_data["kind"]]
        item = get_object_or_404(kind.model, pk=form.cleaned_data["object_id"])
        create_instruction(author=request.user, item=item, text=form.cleaned_data["text"])
        messages.success(request, f"已对“{item.name}”作出批示，责任单位下次登录时可见。")
        return redirect(back)


# 三员分立: the 安全管理员 works in the admin, the 审计管理员 on the audit log
SEPARATED_HOMES = {Landing.ADMIN_SITE: "admin:index", Landing.AUDIT_LOG: "security:audit-log"}


class HomeView(RoleRequiredMixin, CampaignScopeMixin, TemplateView):
    template_name = "baidays/home.html"
    open_to_enterprise_accounts = True
    open_to_separated_admins = True  # sent on to their own pages below

    def get(self, request, *args, **kwargs):
        # staff and enterprises work from their weekly list, reviewers from 周报审核;
        # leaders and admins keep the overview
        landing = landing_of(request.user)
        if landing in SEPARATED_HOMES:
            return redirect(SEPARATED_HOMES[landing])
        if landing == Landing.WEEKLY_LIST:
            return redirect("weekly:home")
        if landing == Landing.REVIEW:
            department = department_of(request.user)
            if department is None:
                raise PermissionDenied("审核人账号尚未指定所在单位，请联系管理员")
            return redirect(HOME_OF_REVIEWERS)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        self.resolve_scope()
        context = super().get_context_data(**kwargs)
        context.update(campaign=self.campaign, as_of=self.as_of, as_of_error=self.as_of_error)
        if self.campaign is not None:
            # only leaders and admins get here (staff are sent to their weekly list above)
            shared = common_context(self.request, self.campaign)
            generation = cacheable_generation(self.campaign)
            figures = selectors.overview(self.campaign, self.as_of, generation=generation)
            scope = selectors.Scope(self.campaign, self.as_of)
            context.update(
                figures,
                insights=selectors.insights(
                    scope, summary=figures["summary"], generation=generation
                ),
                # read only when the cached fragment is drawn anew
                map=SimpleLazyObject(lambda: park_map(scope)),
                **shared,
                # The rendered figures are cached under the same generation: every write to this
                # campaign's rows moves it, so a cached fragment is never served once the data
                # it shows has changed.
                generation=generation,
                fragment_seconds=settings.SUMMARY_CACHE_SECONDS if generation is not None else 0,
                # the 批示 forms come back here; the fragment varies by scope_qs, not the path
                next_url=self.request.path
                + (f"?{shared['scope_qs']}" if shared["scope_qs"] else ""),
            )
        return context


class SummaryApiView(RoleRequiredMixin, CampaignScopeMixin, View):
    def get(self, request):
        try:
            self.resolve_scope()
        except Http404:
            slug = request.GET.get("campaign")
            return JsonResponse(
                {"error": f"没有标识为 {slug} 的百日行动"},
                status=404,
                json_dumps_params={"ensure_ascii": False},
            )
        if self.as_of_error:
            return JsonResponse({"error": self.as_of_error}, status=400)
        if self.campaign is None:
            return JsonResponse({"error": "尚未建立百日行动"}, status=404)
        return JsonResponse(
            cached_campaign_summary(self.campaign, self.as_of),
            json_dumps_params={"ensure_ascii": False},
        )
