from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.models import (
    Campaign,
    Department,
    Instruction,
    Person,
    PersonEvaluation,
    Phase,
    PhaseTask,
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["sort_order", "kind", "name", "start_date", "end_date"]


class PhaseTaskInline(admin.TabularInline):
    model = PhaseTask
    extra = 0
    fields = ["sort_order", "title", "responsible_department", "due_date", "status", "completed_on"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "slug",
        "start_date",
        "end_date",
        "infrastructure_target_wan",
        "competition_target_wan",
    ]
    search_fields = ["name", "slug"]
    list_filter = ["year"]
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "campaign", "start_date", "end_date"]
    list_filter = ["campaign", "kind"]
    search_fields = ["name"]
    inlines = [PhaseTaskInline]


@admin.register(PhaseTask)
class PhaseTaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "phase", "responsible_department", "due_date", "status"]
    list_filter = ["phase__campaign", "phase__kind", "status", "responsible_department"]
    search_fields = ["title", "description"]
    list_select_related = ["phase", "responsible_department"]


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ["name", "title", "role", "phone", "user"]
    autocomplete_fields = ["user"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name"]
    inlines = [PersonInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "department", "role", "user", "phone"]
    list_filter = ["role", "department"]
    search_fields = ["name", "title", "phone", "user__username"]
    autocomplete_fields = ["user", "department"]
    list_select_related = ["department", "user"]


@admin.register(Instruction)
class InstructionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "author", "content_type", "object_id", "created_at", "read_at"]
    list_filter = ["content_type", "read_at"]
    search_fields = ["text", "author__username"]
    list_select_related = ["author", "content_type"]


@admin.register(PersonEvaluation)
class PersonEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "campaign", "score", "grade", "evaluated_on"]
    list_filter = ["campaign", "grade"]
    search_fields = ["person__name", "comment"]
    autocomplete_fields = ["person"]
