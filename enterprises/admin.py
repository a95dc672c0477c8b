from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from enterprises.models import (
    CompetitionEntry,
    Enterprise,
    EnterpriseAccount,
    EntryPhoto,
    EntryReport,
    KeyEnterprise,
    LandTransfer,
    Problem,
    PromotionEvent,
    ServiceVisit,
)
from enterprises.services import save_problem


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "legal_representative", "phone", "main_products"]
    search_fields = ["name", "legal_representative", "main_products"]


class EntryReportInline(admin.TabularInline):
    model = EntryReport
    extra = 0
    fields = ["report_week", "week_investment_wan", "percent_complete", "progress_text", "state"]


class EntryPhotoInline(admin.TabularInline):
    model = EntryPhoto
    extra = 0
    fields = ["image", "caption", "taken_on", "report"]
    raw_id_fields = ["report"]


@admin.register(EnterpriseAccount)
class EnterpriseAccountAdmin(SimpleHistoryAdmin):
    list_display = ("person", "enterprise")
    search_fields = ("person__name", "enterprise__name")
    autocomplete_fields = ("enterprise",)


@admin.register(CompetitionEntry)
class CompetitionEntryAdmin(SimpleHistoryAdmin):
    list_display = [
        "seq",
        "enterprise",
        "project_name",
        "goal",
        "planned_investment_wan",
        "achieved_on",
        "responsible_department",
        "is_archived",
    ]
    list_display_links = ["project_name"]
    list_filter = ["campaign", "goal", "responsible_department", "is_archived"]
    search_fields = ["enterprise__name", "project_name", "construction_task"]
    autocomplete_fields = ["enterprise", "liaison_leader", "responsible_department"]
    list_select_related = ["enterprise", "responsible_department"]
    inlines = [EntryReportInline, EntryPhotoInline]


@admin.register(EntryReport)
class EntryReportAdmin(SimpleHistoryAdmin):
    list_display = ["entry", "report_week", "week_investment_wan", "percent_complete", "state"]
    list_filter = ["entry__campaign", "report_week", "state"]
    search_fields = ["entry__enterprise__name", "entry__project_name", "progress_text"]
    raw_id_fields = ["entry", "reporter"]
    list_select_related = ["entry__enterprise"]


@admin.register(EntryPhoto)
class EntryPhotoAdmin(admin.ModelAdmin):
    list_display = ["entry", "caption", "taken_on", "uploaded_by", "uploaded_at"]
    search_fields = ["entry__enterprise__name", "caption"]
    raw_id_fields = ["entry", "report", "uploaded_by"]


class ServiceVisitInline(admin.TabularInline):
    model = ServiceVisit
    extra = 0
    fields = ["visited_on", "visitors", "findings"]


@admin.register(KeyEnterprise)
class KeyEnterpriseAdmin(SimpleHistoryAdmin):
    list_display = [
        "seq",
        "enterprise",
        "category",
        "liaison_leader",
        "service_person",
        "responsible_department",
    ]
    list_display_links = ["enterprise"]
    list_filter = ["campaign", "category", "responsible_department"]
    search_fields = ["enterprise__name", "difficulties", "coordination_needed"]
    autocomplete_fields = ["enterprise", "service_person", "responsible_department"]
    list_select_related = ["enterprise", "service_person", "responsible_department"]
    inlines = [ServiceVisitInline]


@admin.register(ServiceVisit)
class ServiceVisitAdmin(SimpleHistoryAdmin):
    list_display = ["key_enterprise", "visited_on", "visitors"]
    list_filter = ["key_enterprise__campaign", "visited_on"]
    search_fields = ["key_enterprise__enterprise__name", "findings", "visitors"]


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "enterprise",
        "project",
        "category",
        "responsible_department",
        "raised_on",
        "due_date",
        "status",
    ]
    list_filter = ["campaign", "category", "status", "responsible_department", "is_archived"]
    search_fields = ["title", "description", "resolution", "enterprise__name", "project__name"]
    autocomplete_fields = ["enterprise", "project", "responsible_department"]
    raw_id_fields = ["visit"]
    list_select_related = ["enterprise", "project", "responsible_department"]

    def save_model(self, request, obj, form, change):
        # through the service, so the status history records the change (and who made it)
        save_problem(problem=obj, user=request.user, today=timezone.localdate())


@admin.register(PromotionEvent)
class PromotionEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "held_on", "place", "leads_count", "intended_investment_wan"]
    list_filter = ["campaign"]
    search_fields = ["title", "place", "result"]


@admin.register(LandTransfer)
class LandTransferAdmin(SimpleHistoryAdmin):
    list_display = ["parcel", "enterprise", "transferred_on", "area_mu", "price_wan"]
    list_filter = ["campaign"]
    search_fields = ["parcel", "enterprise__name"]
    autocomplete_fields = ["enterprise"]
