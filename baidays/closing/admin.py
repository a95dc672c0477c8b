from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BriefingNarrative,
    FeedbackAnswer,
    FeedbackRequest,
    FollowUp,
    SupervisionReceipt,
    WorkSummary,
)


@admin.register(BriefingNarrative)
class BriefingNarrativeAdmin(SimpleHistoryAdmin):
    list_display = ["campaign", "week", "issued_by", "issued_at"]
    list_filter = ["campaign"]
    readonly_fields = ["issued_by", "issued_at"]


@admin.register(SupervisionReceipt)
class SupervisionReceiptAdmin(SimpleHistoryAdmin):
    list_display = ["supervision", "department", "received_by", "received_at"]
    readonly_fields = ["supervision", "department", "received_by", "received_at"]


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(SimpleHistoryAdmin):
    list_display = ["unit_name", "kind", "campaign", "requested_on", "expires_on"]
    list_filter = ["campaign", "kind"]
    readonly_fields = ["token_hash"]


@admin.register(FeedbackAnswer)
class FeedbackAnswerAdmin(SimpleHistoryAdmin):
    list_display = ["request", "efficiency", "attitude", "solving", "channel", "answered_on"]
    list_filter = ["channel"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["finding", "kind", "responsible_department", "due_date", "completed_on"]
    list_filter = ["campaign", "kind", "responsible_department"]


@admin.register(WorkSummary)
class WorkSummaryAdmin(SimpleHistoryAdmin):
    list_display = ["campaign", "drafted_on", "version", "issued_at", "reported_on"]
    readonly_fields = ["drafted_on", "issued_by", "issued_at", "reported_on", "reported_version"]
