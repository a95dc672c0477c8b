"""Nothing else until it is done: an account that must use the second factor enrols or enters
its code, and an account whose password must change (set by an administrator, or expired)
changes it, before any other page. Goes after django_otp's OTPMiddleware."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from baidays.security.second_factor import confirmed_totp, needs_second_factor
from baidays.security.services import EXPIRED, PASSWORD_DUE

PASSWORD_MESSAGES = {
    EXPIRED: "您的密码已超过有效期，请先设置新密码。",
    "set_by_admin": "您的密码由管理员设置，首次登录须先改为只有您知道的新密码。",
}


class SecurityGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._gate(request) or self.get_response(request)

    def _gate(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _always_open(request.path):
            return None
        if needs_second_factor(user) and not user.is_verified():
            if request.path.startswith(reverse("security:otp-setup").rsplit("/", 2)[0]):
                return None
            name = "security:otp-verify" if confirmed_totp(user) else "security:otp-setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        due = request.session.get(PASSWORD_DUE)
        if due and request.path not in {
            reverse("password_change"),
            reverse("password_change_done"),
        }:
            messages.warning(request, PASSWORD_MESSAGES.get(due, PASSWORD_MESSAGES[EXPIRED]))
            return redirect("password_change")
        return None


def _always_open(path):
    return path == reverse("logout") or path.startswith(f"/{settings.STATIC_URL.lstrip('/')}")
