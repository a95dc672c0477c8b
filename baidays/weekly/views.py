"""The staff's landing page (本周填报) and the week's batch form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from baidays.weekly.forms import BatchOptionsForm, WeeklyRowFormSet, initial_for
from baidays.weekly.review import return_reasons
from baidays.weekly.selectors import (
    CUMULATIVE_RULE,
    current_scope,
    reportable_count,
    week_rows,
    worklist,
)
from baidays.weekly.services import BatchRejected, check_week, save_week_reports
from core.access import RoleRequiredMixin, require_item_writer
from core.choices import LagStatus
from core.forms import bind_capped_formset
from core.paging import page_of, query_without_page
from core.parsing import parse_int, parse_optional_int
from core.registry import TRACKED_KINDS
from core.roles import department_of
from core.selectors import report_week_as_of
from supervision.links import scope_query
from supervision.selectors import unit_card


def lag_by_item(campaign, week, items):
    """{(model, pk): LagStatus} of `items` by with_lag (one query per kind), so the worklist
    colours as every dashboard does."""
    lags = {}
    for kind in TRACKED_KINDS.values():
        model = kind.model
        pks = [item.pk for item in items if type(item) is model]
        rows = model.objects.filter(pk__in=pks).with_lag(week, campaign)
        for pk, lag in rows.values_list("pk", "lag"):
            lags[(model, pk)] = LagStatus(lag)
    return lags


class WriterRequiredMixin(RoleRequiredMixin):
    """Pages that exist to enter data: staff, enterprise accounts (their own entries) and
    admins only (leaders and reviewers read the item pages)."""

    def dispatch(self, request, *args, **kwargs):
        require_item_writer(request.user)
        return super().dispatch(request, *args, **kwargs)


class NoCampaignMixin:
    def no_campaign(self, request):
        return render(request, "weekly/no_campaign.html", status=404)


class WeeklyHomeView(WriterRequiredMixin, NoCampaignMixin, View):
    open_to_enterprise_accounts = True

    def get(self, request):
        campaign, week = current_scope(request)
        if campaign is None:
            return self.no_campaign(request)
        work = worklist(request.user, campaign, week)
        today = timezone.localdate()
        time_percent = campaign.time_percent(today)
        lags = lag_by_item(
            campaign, report_week_as_of(campaign, today), [row.item for row in work.rows]
        )
        for row in work.rows:
            row.lag = lags.get((type(row.item), row.item.pk), LagStatus.ON_TRACK)
        return render(
            request,
            "weekly/home.html",
            {
                "campaign": campaign,
                "week": week,
                "week_start": campaign.week_start(week),
                "week_end": campaign.week_end(week),
                "today": today,
                "day": campaign.day_number(today),
                "time_percent": time_percent,
                "work": work,
                "cumulative_rule": CUMULATIVE_RULE,
                # the page reads today: its 督办单 as of today, linked in its campaign
                "supervisions": unit_card(
                    campaign, department_of(request.user), today, scope_query(campaign, None)
                ),
            },
        )


def _week_param(request, default):
    return parse_optional_int(request.GET.get("week"), label="周次", default=default)


# rows of the batch form per page: a unit of a province-size campaign reports hundreds of
# items, which in one form took a minute to draw and could not be used on a phone
BATCH_PAGE_ROWS = 50


class WeeklyBatchView(WriterRequiredMixin, NoCampaignMixin, View):
    open_to_enterprise_accounts = True
    template_name = "weekly/batch.html"

    def _scope(self, request):
        campaign, current_week = current_scope(request)
        week = _week_param(request, current_week) if campaign else 0
        return campaign, current_week, week

    def get(self, request):
        campaign, current_week, week = self._scope(request)
        if campaign is None:
            return self.no_campaign(request)
        try:
            check_week(campaign, week)
        except ValidationError as exc:
            return self._week_refused(request, campaign, current_week, week, exc)
        rows = week_rows(request.user, campaign, week)
        page = page_of(request, rows, BATCH_PAGE_ROWS)
        formset = WeeklyRowFormSet(initial=[initial_for(row) for row in page.object_list])
        return self._render(
            request, campaign, current_week, week, rows, formset, BatchOptionsForm(), page=page
        )

    def post(self, request):
        campaign, current_week, week = self._scope(request)
        if campaign is None:
            return self.no_campaign(request)
        try:
            check_week(campaign, week)
        except ValidationError as exc:
            return self._week_refused(request, campaign, current_week, week, exc)
        rows = None  # read only when the form has to be shown again
        offered = reportable_count(request.user, campaign)
        formset = bind_capped_formset(WeeklyRowFormSet, request.POST, offered=offered)
        options = BatchOptionsForm(request.POST)
        if not (formset.is_valid() and options.is_valid()):
            # the rows typed correctly still get the checks against other weeks and users
            rejected = BatchRejected()
            try:
                save_week_reports(
                    user=request.user,
                    campaign=campaign,
                    week=week,
                    rows=[
                        form.to_row_input()
                        for form in formset.forms
                        if form.is_valid() and not form.is_blank()
                    ],
                    confirm_over_plan=options.is_valid()
                    and options.cleaned_data["confirm_over_plan"],
                    check_only=True,
                )
            except BatchRejected as found:
                rejected = found
            return self._rejected(request, campaign, current_week, week, rows, rejected)
        filled = [form for form in formset.forms if not form.is_blank()]
        try:
            result = save_week_reports(
                user=request.user,
                campaign=campaign,
                week=week,
                rows=[form.to_row_input() for form in filled],
                confirm_over_plan=options.cleaned_data["confirm_over_plan"],
            )
        except BatchRejected as rejected:
            return self._rejected(request, campaign, current_week, week, rows, rejected)
        messages.success(
            request,
            f"第 {week} 周周报已保存：新填报 {result.created} 项，修改 {result.updated} 项"
            + (f"，{result.unchanged} 项未改动" if result.unchanged else "")
            + "。",
            extra_tags="draft-saved",  # static/js/drafts.js then drops the form's draft
        )
        return redirect(self._after_save(request, week, current_week, offered))

    def _after_save(self, request, week, current_week, offered):
        """Where a save leads: the next page of the week's `offered` rows when there is one,
        else the week's form when it was an earlier week, else 填报首页."""
        page = page_of(request, range(offered), BATCH_PAGE_ROWS)
        if page.has_next():
            query = request.GET.copy()
            query["week"], query["page"] = str(week), str(page.next_page_number())
            return f"{reverse('weekly:batch')}?{query.urlencode()}"
        if week != current_week:
            return f"{reverse('weekly:batch')}?week={week}"
        return reverse("weekly:home")

    def _rejected(self, request, campaign, current_week, week, rows, rejected):
        data = request.POST.copy()
        prefix = WeeklyRowFormSet().prefix
        total = parse_int(data.get(f"{prefix}-TOTAL_FORMS"), label="表单行数")  # capped in post
        # A conflicting row takes the other person's version, so that submitting again after
        # reading their values is a deliberate overwrite, never a silent one.
        for index in range(total):
            conflict = rejected.conflicts.get(data.get(f"{prefix}-{index}-item"))
            if conflict:
                data[f"{prefix}-{index}-version"] = str(conflict.current_version)
        formset = WeeklyRowFormSet(data)
        options = BatchOptionsForm(data)
        formset.is_valid() and options.is_valid()
        for form in formset.forms:
            key = form.cleaned_data.get("item")
            for field, messages_ in rejected.row_errors.get(key, {}).items():
                for message in messages_:
                    form.add_error(field, message)
            if key in rejected.conflicts:
                form.add_error(None, rejected.conflicts[key].message)
                form.conflict = True
            if key in rejected.over_plan:
                form.add_error("week_investment_wan", rejected.over_plan[key])
                form.over_plan = True
        for message in rejected.general:
            formset._non_form_errors = formset.error_class([message])
        return self._render(
            request,
            campaign,
            current_week,
            week,
            rows,
            formset,
            options,
            status=409 if rejected.conflicts else 400,
            needs_confirmation=bool(rejected.over_plan),
        )

    def _week_refused(self, request, campaign, current_week, week, exc):
        messages.error(request, exc.messages[0])
        return redirect(f"{reverse('weekly:batch')}?week={current_week}")

    def _render(
        self,
        request,
        campaign,
        current_week,
        week,
        rows,
        formset,
        options,
        status=200,
        page=None,
        **extra,
    ):
        if rows is None:
            rows = week_rows(request.user, campaign, week)
        if page is None:
            page = page_of(request, rows, BATCH_PAGE_ROWS)
        by_key = {row.key: row for row in rows}
        pairs = []
        for number, form in enumerate(formset.forms, start=page.start_index()):
            key = form["item"].value()
            row = by_key.get(key)
            if row is None:
                raise Http404("表单中有不属于您单位的事项，请刷新页面后重新填报")
            pairs.append((number, form, row))
        error_rows = [(number, row) for number, form, row in pairs if form.errors]
        reasons = return_reasons([row.report for row in rows])
        for row in rows:
            if row.report is not None:
                row.return_reason = reasons.get((type(row.report), row.report.pk), "")
        return render(
            request,
            self.template_name,
            {
                "campaign": campaign,
                "week": week,
                "current_week": current_week,
                "week_start": campaign.week_start(week),
                "week_end": campaign.week_end(week),
                "weeks": [
                    (n, campaign.week_start(n), campaign.week_end(n))
                    for n in range(current_week, 0, -1)
                ],
                "formset": formset,
                "options": options,
                "pairs": pairs,
                "error_rows": error_rows,
                "page_obj": page,
                "page_query": query_without_page(request),
                **extra,
            },
            status=status,
        )
