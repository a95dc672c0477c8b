"""The item pages of the two tracked kinds (附件1/3 projects, 附件2 争先杯 entries): one set of
views in views.py, bound here to each kind."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views import View

from core.access import can_confirm_goals, require_item_writer
from core.forms import add_validation_errors
from core.locking import StaleVersion, apply_stale
from enterprises import services as enterprise_services
from enterprises.forms import GoalAchievedForm

from .schedule_views import ItemScheduleNodesView, ItemScheduleView
from .views import (
    ItemDetailView,
    ItemInstructionView,
    ItemMixin,
    ItemPhotoFileView,
    ItemPhotoUploadView,
)


class ProjectDetailView(ItemDetailView):
    kind_key = "project"


class ProjectPhotoUploadView(ItemPhotoUploadView):
    kind_key = "project"


class ProjectPhotoFileView(ItemPhotoFileView):
    kind_key = "project"


class ProjectInstructionView(ItemInstructionView):
    kind_key = "project"


class ProjectScheduleView(ItemScheduleView):
    kind_key = "project"


class ProjectScheduleNodesView(ItemScheduleNodesView):
    kind_key = "project"


class EntryGoalFormMixin:
    def extra_forms(self, item):
        if not can_confirm_goals(self.request.user):
            return {}
        return {
            "goal_form": GoalAchievedForm(
                initial={"achieved_on": item.achieved_on, "version": item.version}
            )
        }


class EntryDetailView(EntryGoalFormMixin, ItemDetailView):
    kind_key = "entry"


class EntryPhotoUploadView(EntryGoalFormMixin, ItemPhotoUploadView):
    kind_key = "entry"


class EntryPhotoFileView(ItemPhotoFileView):
    kind_key = "entry"


class EntryInstructionView(EntryGoalFormMixin, ItemInstructionView):
    kind_key = "entry"


class EntryScheduleView(EntryGoalFormMixin, ItemScheduleView):
    kind_key = "entry"


class EntryScheduleNodesView(EntryGoalFormMixin, ItemScheduleNodesView):
    kind_key = "entry"


class EntryGoalView(ItemMixin, View):
    kind_key = "entry"

    def post(self, request, pk):
        require_item_writer(request.user)
        entry = self.get_item(pk)
        form = GoalAchievedForm(request.POST)
        if form.is_valid():
            try:
                enterprise_services.set_goal_achieved(
                    user=request.user,
                    entry=entry,
                    achieved_on=form.cleaned_data["achieved_on"],
                    version=form.cleaned_data["version"],
                )
            except StaleVersion as exc:
                apply_stale(form, exc)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "目标实现情况已保存。")
                return redirect("enterprises:entry-detail", pk=entry.pk)
        return self.render_page(entry, status=400, goal_form=form)
