from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views import View

from baidays.notify.selectors import inbox
from baidays.notify.services import mark_read
from core.access import RoleRequiredMixin

PAGE_SIZE = 30


class InboxView(RoleRequiredMixin, View):
    open_to_enterprise_accounts = True

    def get(self, request):
        page = Paginator(inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "notify/inbox.html", {"page_obj": page, "page_query": ""})

    def post(self, request):
        """Mark everything read."""
        count = mark_read(user=request.user)
        messages.success(request, f"已将 {count} 条消息标为已读。")
        return redirect("notify:inbox")


class MessageReadView(RoleRequiredMixin, View):
    open_to_enterprise_accounts = True

    def post(self, request, pk):
        mark_read(user=request.user, message_id=pk)
        return redirect("notify:inbox")
