from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.models import Project, ProjectPhoto, ProjectReport


class ProjectReportInline(admin.TabularInline):
    model = ProjectReport
    extra = 0
    fields = [
        "report_week",
        "week_investment_wan",
        "percent_complete",
        "progress_text",
        "state",
        "reporter",
    ]
    raw_id_fields = ["reporter"]


class ProjectPhotoInline(admin.TabularInline):
    model = ProjectPhoto
    extra = 0
    fields = ["image", "caption", "taken_on", "report"]
    raw_id_fields = ["report"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = [
        "seq",
        "name",
        "annex",
        "zone",
        "planned_investment_wan",
        "responsible_department",
        "responsible_leader",
        "is_archived",
    ]
    list_display_links = ["name"]
    list_filter = ["campaign", "annex", "zone", "responsible_department", "is_archived"]
    search_fields = ["name", "content_scale", "owner_name", "milestone_target"]
    autocomplete_fields = ["responsible_leader", "responsible_department", "owner"]
    list_select_related = ["responsible_department", "responsible_leader"]
    inlines = [ProjectReportInline, ProjectPhotoInline]


@admin.register(ProjectReport)
class ProjectReportAdmin(SimpleHistoryAdmin):
    list_display = [
        "project",
        "report_week",
        "week_investment_wan",
        "percent_complete",
        "state",
        "reporter",
        "submitted_at",
    ]
    list_filter = ["project__campaign", "project__annex", "report_week", "state"]
    search_fields = ["project__name", "progress_text", "problems"]
    raw_id_fields = ["project", "reporter"]
    list_select_related = ["project", "reporter"]


@admin.register(ProjectPhoto)
class ProjectPhotoAdmin(admin.ModelAdmin):
    list_display = ["project", "caption", "taken_on", "uploaded_by", "uploaded_at"]
    list_filter = ["project__campaign"]
    search_fields = ["project__name", "caption"]
    raw_id_fields = ["project", "report", "uploaded_by"]
