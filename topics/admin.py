from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from topics.models import (
    ApprovalCase,
    ApprovalProcedure,
    Decision,
    LandFiling,
    PowerItem,
    TopicMeeting,
    TopicTarget,
)


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["seq", "content", "responsible_department", "due_date", "status", "completed_on"]


@admin.register(TopicMeeting)
class TopicMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "topic", "held_on", "chair", "place"]
    list_filter = ["campaign", "topic"]
    search_fields = ["title", "minutes", "attendees"]
    inlines = [DecisionInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["content", "meeting", "responsible_department", "due_date", "status"]
    list_filter = ["meeting__campaign", "meeting__topic", "status", "responsible_department"]
    search_fields = ["content", "result"]
    list_select_related = ["meeting", "responsible_department"]


class LandFilingInline(admin.TabularInline):
    model = LandFiling
    extra = 0


class ApprovalCaseInline(admin.TabularInline):
    model = ApprovalCase
    extra = 0
    fields = ["enterprise", "summary", "responsible_department", "solved_on"]
    autocomplete_fields = ["enterprise"]


@admin.register(TopicTarget)
class TopicTargetAdmin(SimpleHistoryAdmin):
    list_display = ["title", "topic", "quantity", "unit", "period_start", "period_end"]
    list_filter = ["campaign", "topic"]
    search_fields = ["title"]
    inlines = [LandFilingInline, ApprovalCaseInline]


@admin.register(LandFiling)
class LandFilingAdmin(SimpleHistoryAdmin):
    list_display = ["description", "target", "filed_on", "area_mu", "approved_on"]
    list_filter = ["target__campaign", "target"]
    search_fields = ["description"]


class ApprovalProcedureInline(admin.TabularInline):
    model = ApprovalProcedure
    extra = 0


@admin.register(ApprovalCase)
class ApprovalCaseAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "summary", "responsible_department", "solved_on"]
    list_filter = ["target__campaign", "responsible_department"]
    search_fields = ["enterprise__name", "summary"]
    autocomplete_fields = ["enterprise"]
    inlines = [ApprovalProcedureInline]


@admin.register(PowerItem)
class PowerItemAdmin(SimpleHistoryAdmin):
    list_display = ["seq", "name", "zone", "responsible_department", "due_date", "status"]
    list_display_links = ["name"]
    list_filter = ["campaign", "status", "responsible_department"]
    search_fields = ["name", "work", "result"]
