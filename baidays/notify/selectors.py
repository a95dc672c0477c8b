from baidays.notify.models import Message


def inbox(user):
    return Message.objects.filter(recipient=user)


def unread_count(user):
    return inbox(user).filter(read_at__isnull=True).count()
