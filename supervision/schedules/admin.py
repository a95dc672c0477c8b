"""进度计划 in the admin. Plan weeks are written as a whole schedule (services.py here, the
item page or import_schedule), so the admin only reads them; a 形象进度 node is saved through
save_node."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from supervision.schedules.models import PlanWeek, ScheduleNode, ScheduleVersion
from supervision.schedules.services import save_node

ITEM_SEARCH = [
    "project__name",
    "entry__project_name",
    "entry__enterprise__name",
]


class PlanWeekInline(admin.TabularInline):
    model = PlanWeek
    fields = ["week", "planned_wan"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ScheduleVersion)
class ScheduleVersionAdmin(admin.ModelAdmin):
    """Versions are the schedule's history: read here, written whole by the item page and
    import_schedule (their weeks add up to the 100-day plan), never edited."""

    list_display = ["item", "effective_from", "superseded_at", "source", "created_by"]
    list_filter = ["source", "project__campaign", "entry__campaign"]
    search_fields = ITEM_SEARCH
    list_select_related = ["project", "entry__enterprise", "created_by"]
    inlines = [PlanWeekInline]

    @admin.display(description="项目")
    def item(self, obj):
        return obj.item

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScheduleNodeForm(forms.ModelForm):
    class Meta:
        model = ScheduleNode
        fields = ["project", "entry", "text", "planned_on", "reached_on"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and bool(data.get("project")) == bool(data.get("entry")):
            raise ValidationError("请选择一个项目或一个争先杯项目（只选其一）")
        return data


@admin.register(ScheduleNode)
class ScheduleNodeAdmin(SimpleHistoryAdmin):
    form = ScheduleNodeForm
    list_display = ["text", "item", "planned_on", "reached_on"]
    list_filter = ["project__campaign", "entry__campaign"]
    search_fields = ["text", *ITEM_SEARCH]
    list_select_related = ["project", "entry__enterprise"]
    raw_id_fields = ["project", "entry"]

    @admin.display(description="项目")
    def item(self, obj):
        return obj.item

    def get_readonly_fields(self, request, obj=None):
        # a node stays on its item
        return ["project", "entry"] if obj else []

    def save_model(self, request, obj, form, change):
        save_node(
            item=obj.item,
            text=obj.text,
            planned_on=obj.planned_on,
            reached_on=obj.reached_on,
            node=obj,
        )
