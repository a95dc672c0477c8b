from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BriefingNarrative, SupervisionReceipt


@admin.register(BriefingNarrative)
class BriefingNarrativeAdmin(SimpleHistoryAdmin):
    list_display = ["campaign", "week", "issued_by", "issued_at"]
    list_filter = ["campaign"]
    readonly_fields = ["issued_by", "issued_at"]


@admin.register(SupervisionReceipt)
class SupervisionReceiptAdmin(SimpleHistoryAdmin):
    list_display = ["supervision", "department", "received_by", "received_at"]
    readonly_fields = ["supervision", "department", "received_by", "received_at"]
