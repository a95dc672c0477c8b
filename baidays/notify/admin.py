from django.contrib import admin, messages

from baidays.notify.models import (
    Channel,
    DailyJobRun,
    DeliveryAttempt,
    Message,
    OutboxEntry,
    ReminderOccasion,
    ReminderRule,
    SupervisionNotice,
)
from baidays.notify.outbox import resend


@admin.register(DailyJobRun)
class DailyJobRunAdmin(admin.ModelAdmin):
    """Read-only: whether today's backup ran, on which worker's tick, and what it wrote."""

    list_display = ("day", "job", "ok", "started_at", "finished_at", "result")
    list_filter = ("job", "ok")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("department", "kind", "target", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("campaign", "kind", "weekday", "at_time", "is_active")
    list_filter = ("campaign", "kind")


@admin.register(ReminderOccasion)
class ReminderOccasionAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "campaign", "fired_at", "messages_count")
    readonly_fields = ("campaign", "kind", "day", "fired_at", "messages_count")


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ("attempted_at", "ok", "error")


@admin.action(description="重新发送所选消息")
def resend_selected(modeladmin, request, queryset):
    count = resend(queryset)
    modeladmin.message_user(request, f"已重新排队 {count} 条，将由后台任务发送", messages.SUCCESS)


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    """The delivery log: each entry with its attempts and their error texts."""

    list_display = ("created_at", "channel", "subject", "status", "attempts", "last_error")
    list_filter = ("status", "channel__kind")
    search_fields = ("subject", "idempotency_key", "last_error")
    readonly_fields = [f.name for f in OutboxEntry._meta.fields]
    inlines = [DeliveryAttemptInline]
    actions = [resend_selected]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "subject", "read_at")
    search_fields = ("subject", "recipient__username")


@admin.register(SupervisionNotice)
class SupervisionNoticeAdmin(admin.ModelAdmin):
    """Read-only: which 督办单 have been told of their opening and escalation, and when."""

    list_display = ("sent_at", "supervision", "event")
    list_filter = ("event",)
    search_fields = ("supervision__target_label",)
    list_select_related = ("supervision",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
