from django import forms
from django.contrib import admin, messages

from baidays.notify.models import (
    Channel,
    DailyJobRun,
    DeliveryAttempt,
    Message,
    OutboxEntry,
    OutboxStatus,
    ReminderOccasion,
    ReminderRule,
    SupervisionNotice,
    WorkerHealth,
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


@admin.register(WorkerHealth)
class WorkerHealthAdmin(admin.ModelAdmin):
    """Read-only: each step of the periodic jobs, when it last ran and succeeded, and the error
    of its last failure (a step that fails does not stop the others)."""

    list_display = (
        "step",
        "ok",
        "last_run_at",
        "last_ok_at",
        "failures_in_a_row",
        "last_error_at",
        "last_error",
    )

    @admin.display(boolean=True, description="正常")
    def ok(self, obj):
        return obj.ok

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChannelForm(forms.ModelForm):
    """The 钉钉 secret is write-only: never shown back; left empty it stays as it was."""

    secret = forms.CharField(
        label="加签密钥（钉钉）",
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text="出于安全不显示已保存的密钥；留空则保持不变",
    )
    clear_secret = forms.BooleanField(label="清除已保存的加签密钥", required=False)

    class Meta:
        model = Channel
        fields = ["department", "kind", "target", "secret", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_secret = self.instance.secret if self.instance.pk else ""
        if self._saved_secret:
            self.fields["secret"].help_text = "已保存密钥（不显示）；留空则保持不变"

    def clean_secret(self):
        if self.data.get("clear_secret"):
            return ""
        return self.cleaned_data["secret"] or self._saved_secret


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    form = ChannelForm
    list_display = ("department", "kind", "shown_target", "has_secret", "is_active")
    list_filter = ("kind", "is_active")

    @admin.display(description="地址（机器人密钥只显示前四位）")
    def shown_target(self, obj):
        return obj.masked_target

    @admin.display(boolean=True, description="已设加签密钥")
    def has_secret(self, obj):
        return bool(obj.secret)


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("campaign", "kind", "day", "at_time", "is_active")
    list_filter = ("campaign", "kind")

    @admin.display(description="星期", ordering="weekday")
    def day(self, obj):
        return "每天" if obj.weekday is None else obj.get_weekday_display()


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
    selected = queryset.count()
    count = resend(queryset)
    text = f"已重新排队 {count} 条，将由后台任务在下一分钟发送（免打扰时段内的到点再发）"
    if count < selected:
        text += f"；{selected - count} 条正在发送，未改动"
    modeladmin.message_user(request, text, messages.SUCCESS)


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    """The delivery log: each entry with its state (and why it waits), its attempts and their
    error texts. 结果未知 entries may have reached the peer: check before resending them."""

    list_display = (
        "created_at",
        "destination",
        "subject",
        "status",
        "state_note",
        "attempts",
        "last_error",
    )
    list_filter = ("status", "channel__kind")
    search_fields = ("subject", "idempotency_key", "last_error")
    readonly_fields = [f.name for f in OutboxEntry._meta.fields]
    list_select_related = ("channel__department",)

    @admin.display(description="渠道")
    def destination(self, obj):
        return obj.channel or obj.to_address

    @admin.display(description="说明")
    def state_note(self, obj):
        if obj.status == OutboxStatus.PENDING:
            return obj.waiting_reason or "等待后台任务发送（每分钟一次）"
        if obj.status == OutboxStatus.UNKNOWN:
            return "对方可能已收到，核实后可“重新发送”"
        return ""

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
