"""Writes of the inbox and the channels' set-up."""

from django.db import transaction
from django.utils import timezone

from baidays.notify.models import Channel
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
    """A new channel, checked by Channel.clean like the admin form's."""
    channel = Channel(department=department, kind=kind, target=target, secret=secret)
    channel.full_clean()
    channel.save()
    return channel
