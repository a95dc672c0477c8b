"""Messages (the in-app inbox, 站内消息), each department's outside channels (email, 企业微信 and
钉钉 robots), the outbox of deliveries with their attempts, and the reminder schedule with the
occasions that fired. An occasion is one row per (campaign, kind, day): a second server that
tries to fire it hits the unique constraint and sends nothing."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.bounds import text_bounds
from core.models import Campaign, Department


class ChannelKind(models.TextChoices):
    EMAIL = "email", "电子邮件"
    WECOM = "wecom", "企业微信群机器人"
    DINGTALK = "dingtalk", "钉钉自定义机器人"


class OccasionKind(models.TextChoices):
    MISSING = "missing", "催报：本周周报未报"
    DIGEST = "digest", "上周未报单位汇总（领导）"
    DUE_SOON = "due_soon", "三日内到期的督办事项和议定事项"
    RETURNED = "returned", "被退回的周报"


class Channel(models.Model):
    department = models.ForeignKey(
        Department, verbose_name="单位", on_delete=models.PROTECT, related_name="channels"
    )
    kind = models.CharField("渠道", max_length=10, choices=ChannelKind.choices)
    target = models.CharField("地址（邮箱或机器人 Webhook）", max_length=500)
    secret = models.CharField("加签密钥（钉钉）", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["department__sort_order", "kind", "pk"]
        verbose_name = "通知渠道"
        verbose_name_plural = "通知渠道"
        constraints = [
            models.UniqueConstraint(
                fields=["department", "kind", "target"],
                name="channel_unique_target",
                violation_error_message="该单位已配置了这个地址",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ChannelKind.values), name="channel_known_kind"
            ),
        ]

    def __str__(self):
        return f"{self.department} · {self.get_kind_display()}"

    def clean(self):
        """The one check of a channel's address, for the admin form and `add_channel` alike
        (baidays.notify.targets); the sender checks it again at each delivery."""
        from baidays.notify.targets import email_problem, webhook_problem

        if self.kind == ChannelKind.EMAIL:
            problem = email_problem(self.target)
        else:
            problem = webhook_problem(self.target)
        if problem:
            raise ValidationError({"target": problem})
        if self.secret and self.kind != ChannelKind.DINGTALK:
            raise ValidationError({"secret": "只有钉钉机器人使用加签密钥"})

    @property
    def masked_target(self):
        """The address as the channel list shows it: a robot's key (the query's values) cut to
        its first four characters, so that the list does not hand out the keys."""
        if self.kind == ChannelKind.EMAIL:
            return self.target
        head, _, query = self.target.partition("?")
        if not query:
            return head
        masked = "&".join(
            f"{name}={value[:4]}…" if value else name
            for name, _, value in (pair.partition("=") for pair in query.split("&"))
        )
        return f"{head}?{masked}"


WEEKDAYS = [(n, "周" + "一二三四五六日"[n]) for n in range(7)]


class ReminderRule(models.Model):
    """One line of a campaign's schedule: on `weekday` (None: every day) at `at_time`."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="reminder_rules"
    )
    kind = models.CharField("提醒", max_length=10, choices=OccasionKind.choices)
    weekday = models.PositiveSmallIntegerField(
        "星期",
        null=True,
        blank=True,
        choices=WEEKDAYS,
        validators=[MaxValueValidator(6)],
        help_text="留空为每天",
    )
    at_time = models.TimeField("时间")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["campaign", "kind"]
        verbose_name = "提醒安排"
        verbose_name_plural = "提醒安排"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="reminderrule_one_per_kind"),
            models.CheckConstraint(
                condition=Q(weekday__isnull=True) | Q(weekday__lte=6),
                name="reminderrule_weekday_0_6",
                violation_error_message="星期应为 0（周一）到 6（周日）",
            ),
        ]

    def __str__(self):
        day = "每天" if self.weekday is None else "周" + "一二三四五六日"[self.weekday]
        return f"{self.campaign} {self.get_kind_display()}（{day} {self.at_time:%H:%M}）"


class ReminderOccasion(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="百日行动", on_delete=models.CASCADE, related_name="occasions"
    )
    kind = models.CharField("提醒", max_length=10, choices=OccasionKind.choices)
    day = models.DateField("日期")
    fired_at = models.DateTimeField("触发时间", default=timezone.now)
    messages_count = models.PositiveIntegerField("消息数", default=0)

    class Meta:
        ordering = ["-day", "kind"]
        verbose_name = "提醒记录"
        verbose_name_plural = "提醒记录"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "day"], name="occasion_fires_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.get_kind_display()}"


class Message(models.Model):
    """One 站内消息 to one user; the same text goes to the outside channels through the outbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="收件人",
        on_delete=models.CASCADE,
        related_name="inbox_messages",
    )
    occasion = models.ForeignKey(
        ReminderOccasion,
        verbose_name="提醒",
        on_delete=models.SET_NULL,
        related_name="messages",
        null=True,
        blank=True,
    )
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "站内消息"
        verbose_name_plural = "站内消息"
        indexes = [models.Index(fields=["recipient", "read_at"], name="message_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "occasion"], name="message_one_per_recipient_and_occasion"
            )
        ]

    def __str__(self):
        return self.subject


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"
    # sent and no answer came (a timeout, a dropped connection, a worker killed while sending):
    # the peer may have it, so it is not sent again automatically; the admin checks and resends
    UNKNOWN = "unknown", "结果未知"


class OutboxEntry(models.Model):
    """One delivery of a text to one channel (or, for a password-reset mail, to one address).
    Written in the transaction that caused it and sent afterwards; `idempotency_key` is unique,
    so the same delivery is never queued twice. A message too long for a robot is several
    entries, one per part, each with its own key and state."""

    idempotency_key = models.CharField("幂等键", max_length=200, unique=True)
    channel = models.ForeignKey(
        Channel,
        verbose_name="渠道",
        on_delete=models.PROTECT,
        related_name="outbox",
        null=True,
        blank=True,
    )
    to_address = models.EmailField("收件邮箱（无渠道时）", blank=True)
    part = models.PositiveSmallIntegerField("第几部分", default=1)
    parts = models.PositiveSmallIntegerField("共几部分", default=1)
    occasion = models.ForeignKey(
        ReminderOccasion,
        verbose_name="提醒",
        on_delete=models.SET_NULL,
        related_name="outbox",
        null=True,
        blank=True,
    )
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    status = models.CharField(
        "状态", max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试", default=timezone.now)
    waiting_reason = models.CharField("等待原因", max_length=200, blank=True)
    claimed_at = models.DateTimeField("开始发送", null=True, blank=True)
    last_error = models.TextField("最近错误", blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "发送队列"
        verbose_name_plural = "发送队列"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__isnull=False) | ~Q(to_address=""),
                name="outbox_has_a_destination",
            )
        ]

    def __str__(self):
        return f"{self.channel or self.to_address}：{self.subject}"


class DeliveryAttempt(models.Model):
    entry = models.ForeignKey(
        OutboxEntry, verbose_name="发送", on_delete=models.CASCADE, related_name="attempt_log"
    )
    attempted_at = models.DateTimeField("时间", default=timezone.now)
    ok = models.BooleanField("成功")
    error = models.TextField("错误", blank=True)

    class Meta:
        ordering = ["-attempted_at", "-pk"]
        verbose_name = "发送记录"
        verbose_name_plural = "发送记录"

    def __str__(self):
        return f"{self.attempted_at:%Y-%m-%d %H:%M:%S} {'成功' if self.ok else '失败'}"


class DailyJob(models.TextChoices):
    BACKUP = "backup", "每日备份"
    SUPERVISE = "supervise", "每日督办"


class DailyJobRun(models.Model):
    """One row per daily job and day, the reminders' mechanism for jobs of no campaign: the
    server that inserts it runs the job; any other hits the unique constraint and does not."""

    job = models.CharField("任务", max_length=10, choices=DailyJob.choices)
    day = models.DateField("日期")
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    ok = models.BooleanField("成功", null=True)
    result = models.TextField("结果", blank=True, **text_bounds())

    class Meta:
        ordering = ["-day", "job"]
        verbose_name = "每日任务记录"
        verbose_name_plural = "每日任务记录"
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="daily_job_runs_once_a_day")
        ]

    def __str__(self):
        return f"{self.day} {self.get_job_display()}"


class NoticeEvent(models.TextChoices):
    OPENED = "opened", "黄牌督办单发出（通知责任单位）"
    ESCALATED = "escalated", "升级为红牌（通知责任领导和领导办公室）"


class SupervisionNotice(models.Model):
    """That a 督办单's opening or escalation has been told: one row per 督办单 and event, written
    with its messages, so however often `supervise` and the jobs run it is told once."""

    supervision = models.ForeignKey(
        "supervision.Supervision",
        verbose_name="督办单",
        on_delete=models.CASCADE,
        related_name="notices",
    )
    event = models.CharField("通知", max_length=10, choices=NoticeEvent.choices)
    sent_at = models.DateTimeField("通知时间", default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = "督办通知记录"
        verbose_name_plural = "督办通知记录"
        constraints = [
            models.UniqueConstraint(
                fields=["supervision", "event"], name="supervision_notice_once_per_event"
            ),
            models.CheckConstraint(
                condition=Q(event__in=NoticeEvent.values), name="supervision_notice_known_event"
            ),
        ]

    def __str__(self):
        return f"{self.supervision} {self.get_event_display()}"


class WorkerHealth(models.Model):
    """How each step of the periodic jobs went on its last run, for the admin (后台任务状态): a
    step that fails is recorded here with its error, and the worker goes on with the others."""

    step = models.CharField("步骤", max_length=20, unique=True)
    last_run_at = models.DateTimeField("最近运行", null=True, blank=True)
    last_ok_at = models.DateTimeField("最近成功", null=True, blank=True)
    last_error_at = models.DateTimeField("最近失败", null=True, blank=True)
    last_error = models.TextField("最近错误", blank=True, **text_bounds())
    failures_in_a_row = models.PositiveIntegerField("连续失败次数", default=0)

    class Meta:
        ordering = ["step"]
        verbose_name = "后台任务状态"
        verbose_name_plural = "后台任务状态"

    def __str__(self):
        return self.step

    @property
    def ok(self):
        return self.failures_in_a_row == 0


class PasswordResetRequest(models.Model):
    """One request of the password-reset form, whatever became of it: the throttle counts these
    per address and per client address (baidays.notify.password_reset)."""

    email = models.CharField("邮箱", max_length=254, db_index=True)
    client = models.CharField("客户端地址", max_length=64, db_index=True)
    requested_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "找回密码请求"
        verbose_name_plural = "找回密码请求"

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.email}"
