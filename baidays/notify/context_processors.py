from django.utils.functional import SimpleLazyObject

from baidays.notify.selectors import unread_count


def inbox(request):
    """The unread count of the navigation's 站内消息 link, read only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": SimpleLazyObject(lambda: unread_count(user))}
