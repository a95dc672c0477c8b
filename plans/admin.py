from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Milestone, Plan


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["seq", "title", "lead_department", "due_date", "status", "completed_on"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "campaign"]
    list_filter = ["campaign", "kind"]
    search_fields = ["name", "description"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "lead_department", "due_date", "status", "completed_on"]
    list_filter = ["plan__campaign", "plan__kind", "status", "lead_department"]
    search_fields = ["title", "result"]
    list_select_related = ["plan", "lead_department"]
