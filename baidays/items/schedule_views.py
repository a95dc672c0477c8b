"""The item page's 进度计划 editor, shared by projects and 争先杯 entries (pages.py binds
them to each kind): the weeks (saved as a new version, or cleared back to the linear default)
and the 形象进度 nodes. Only the responsible unit's staff and admins write; a refusal shows
the page again with the reason and saves nothing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View

from baidays.items.schedule_forms import (
    EXTRA_NODES,
    NODES_PREFIX,
    WEEKS_PREFIX,
    NodeFormSet,
    ScheduleVersionForm,
    WeekFormSet,
)
from baidays.items.views import ItemMixin
from core.access import require_schedule_editor
from core.forms import bind_capped_formset
from supervision.schedules.selectors import nodes_ever
from supervision.schedules.services import (
    NodeRowsRefused,
    StaleSchedule,
    replace_schedule,
    save_nodes,
)


class ScheduleEditMixin(ItemMixin):
    def editable_item(self, pk):
        require_schedule_editor(self.request.user)
        return self.get_item(pk)

    def done(self, item, message):
        messages.success(self.request, message)
        return redirect(reverse(self.kind.detail_url_name, args=[item.pk]) + "#schedule")


class ItemScheduleView(ScheduleEditMixin, View):
    """POST the weeks (`action=save`) or go back to the linear default (`action=clear`)."""

    def post(self, request, pk):
        item = self.editable_item(pk)
        token = ScheduleVersionForm(request.POST)
        clearing = request.POST.get("action") == "clear"
        weeks = bind_capped_formset(
            WeekFormSet, request.POST, offered=item.campaign.weeks_total, prefix=WEEKS_PREFIX
        )
        if token.is_valid() and (clearing or weeks.is_valid()):
            try:
                saved = replace_schedule(
                    item=item,
                    weeks={} if clearing else weeks.weeks(),
                    user=request.user,
                    expected_version=token.cleaned_data["version"],
                )
            except StaleSchedule as exc:
                token.add_error(None, ValidationError(exc.message, code="stale"))
                # submitting again is then a deliberate overwrite of what the other person saved
                data = token.data.copy()
                data["version"] = str(exc.token)
                token.data = data
            except ValidationError as exc:
                weeks.non_form_errors().extend(exc.messages)
            else:
                if saved is None:
                    return self.done(item, "进度计划没有变化。")
                if clearing:
                    return self.done(item, "已清除进度计划，恢复为按工期均匀分布的线性默认。")
                return self.done(item, "进度计划已保存，自现在起生效。")
        return self.render_page(item, status=400, schedule_version_form=token, week_formset=weeks)


class ItemScheduleNodesView(ScheduleEditMixin, View):
    """POST the 形象进度 nodes: add, change, delete — all rows or none."""

    def post(self, request, pk):
        item = self.editable_item(pk)
        offered = nodes_ever(item) + EXTRA_NODES
        nodes = bind_capped_formset(NodeFormSet, request.POST, offered=offered, prefix=NODES_PREFIX)
        if nodes.is_valid():
            changes = [
                change
                for index, form in enumerate(nodes.forms)
                if (change := form.to_change(index)) is not None
            ]
            try:
                save_nodes(
                    item=item, user=request.user, changes=changes, today=timezone.localdate()
                )
            except NodeRowsRefused as exc:
                for index, error in exc.errors.items():
                    _add_row_error(nodes.forms[index], error)
            else:
                return self.done(item, "形象进度节点已保存。")
        return self.render_page(item, status=400, node_formset=nodes)


def _add_row_error(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
