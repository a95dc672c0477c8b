"""Writes of the inbox and the channels' set-up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from baidays.notify.models import Channel, ChannelKind
from baidays.notify.selectors import inbox


@transaction.atomic
def mark_read(*, user, message_id=None):
    """One message (or all of them) of `user`'s inbox read; another user's is not found."""
    messages = inbox(user).filter(read_at__isnull=True)
    if message_id is not None:
        messages = messages.filter(pk=message_id)
    return messages.update(read_at=timezone.now())


@transaction.atomic
def add_channel(*, department, kind, target, secret=""):
    if kind == ChannelKind.EMAIL and "@" not in target:
        raise ValidationError({"target": f"“{target}”不是电子邮件地址"})
    if kind != ChannelKind.EMAIL and not target.startswith(("https://", "http://")):
        raise ValidationError({"target": f"机器人地址应以 https:// 开头：{target}"})
    channel = Channel(department=department, kind=kind, target=target, secret=secret)
    channel.full_clean()
    channel.save()
    return channel
