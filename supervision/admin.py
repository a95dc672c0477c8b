"""督办 in the admin. 督办单 are opened, escalated and closed by `supervise` and the services
only: the admin reads them (with their history) and acts through the services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from supervision import services
from supervision.choices import Level
from supervision.forms import CloseForm
from supervision.models import Supervision


class LevelFilter(admin.SimpleListFilter):
    title = "等级（今天）"
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return Level.choices

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == Level.RED:
            return queryset.red_as_of(today)
        if self.value() == Level.YELLOW:
            return queryset.exclude(escalated_on__lte=today)
        return queryset


class OpenFilter(admin.SimpleListFilter):
    title = "状态（今天）"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", "未销号"), ("no", "已销号")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.open_as_of(today)
        if self.value() == "no":
            return queryset.filter(Q(closed_on__lte=today))
        return queryset


@admin.action(description="领导销号所选督办单（填写销号说明）")
def close_selected(modeladmin, request, queryset):
    """An intermediate page asks for the note; each one is closed by services.close_by_leader."""
    form = CloseForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        closed, refused = 0, []
        for supervision in queryset.select_related("campaign"):
            try:
                services.close_by_leader(
                    supervision=supervision,
                    user=request.user,
                    note=form.cleaned_data["close_note"],
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                refused.append(f"{supervision.number}：{'；'.join(error.messages)}")
            else:
                closed += 1
        modeladmin.message_user(request, f"已销号 {closed} 张督办单", messages.SUCCESS)
        if refused:
            modeladmin.message_user(request, "未销号：" + "；".join(refused), messages.WARNING)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "领导销号",
        "form": form,
        "supervisions": queryset,
        "opts": modeladmin.model._meta,
        "action_name": "close_selected",
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/supervision/close_selected.html", context)


@admin.action(description="按今天的情况重新督办所选督办单所属的百日行动（supervise）")
def supervise_campaigns(modeladmin, request, queryset):
    today = timezone.localdate()
    for campaign in {supervision.campaign for supervision in queryset.select_related("campaign")}:
        counts = services.supervise(campaign=campaign, as_of=today)
        modeladmin.message_user(
            request,
            f"{campaign}：新发 {counts['opened']} 张，升级红牌 {counts['escalated']} 张，"
            f"销号 {counts['closed']} 张",
            messages.SUCCESS,
        )


@admin.register(Supervision)
class SupervisionAdmin(SimpleHistoryAdmin):
    list_display = [
        "number",
        "level_today",
        "target_label",
        "cause",
        "department",
        "leader",
        "opened_on",
        "answer_due",
        "answered_on",
        "closed_on",
    ]
    list_display_links = ["number", "target_label"]
    list_filter = [LevelFilter, "cause", "department", OpenFilter, "campaign"]
    search_fields = ["target_label", "detail", "department__name", "leader__name", "measures"]
    list_select_related = ["department", "leader"]
    date_hierarchy = "opened_on"
    actions = [close_selected, supervise_campaigns]

    @admin.display(description="等级（今天）")
    def level_today(self, obj):
        return obj.level_as_of(timezone.localdate()).label

    def has_add_permission(self, request):
        # opened by `supervise` only, from the day's findings
        return False

    def has_change_permission(self, request, obj=None):
        # answered and closed on the 督办通知单 (services.answer, close_by_leader)
        return False
