from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from baidays.weekly.models import ReportReview, ReviewSetting


@admin.register(ReviewSetting)
class ReviewSettingAdmin(SimpleHistoryAdmin):
    list_display = ("campaign", "reports_need_review")


@admin.register(ReportReview)
class ReportReviewAdmin(admin.ModelAdmin):
    list_display = ("reviewed_at", "reviewer", "action", "content_type", "object_id", "reason")
    list_filter = ("action",)
    readonly_fields = [f.name for f in ReportReview._meta.fields]
