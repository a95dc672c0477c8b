"""Rules every page shares: a session that ends after a spell of idleness, what the browser may
keep, and the Chinese 404 page even while developing."""

import time

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse

from core.roles import person_of


class HealthCheckMiddleware:
    """`/healthz` answered before the session and authentication middleware: with a session
    cookie they would read the database first, and during an outage answer 500 instead of the
    health check's 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            from core.views import healthz

            return healthz(request)
        return self.get_response(request)


class PortalResponseMiddleware:
    """- Pages shown to a logged-in user are never stored by the browser or a proxy
      (`Cache-Control: private, no-store`): a shared office PC's back button or cache must not
      show the previous user's figures. Files served by core.media set their own header.
    - Under DEBUG (make run) Django answers a 404 with its English technical page; the portal's
      Chinese page is shown instead, as in production."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and type(response) is HttpResponseNotFound:
            response = render(request, "404.html", status=404)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response


REFRESHED_AT = "_idle_refreshed_at"


class IdleSessionMiddleware:
    """A session ends after SESSION_COOKIE_AGE without a request (a shared office PC left
    logged in). Every request would move its expiry on — a database write per page view,
    which on PostgreSQL costs a commit each — so the expiry is moved on at most once per
    SESSION_REFRESH_SECONDS: an idle session ends between SESSION_COOKIE_AGE less that and
    SESSION_COOKIE_AGE after its last request. Goes after SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_AT] = now  # modified: saved with a new expiry
        return self.get_response(request)


class ForcePasswordChangeMiddleware:
    """A person given a temporary password (`Person.must_change_password`) reaches only the
    password-change page, and logging out, until they have changed it: every other request is
    sent there with a message saying why. A successful change (the form redirects to its done
    page) clears the flag. Goes after AuthenticationMiddleware and MessageMiddleware."""

    OPEN_ROUTES = ("password_change", "password_change_done", "logout", "login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        person = self._person_to_change(request)
        if person is None:
            return self.get_response(request)
        change_url = reverse("password_change")
        if request.path not in {reverse(name) for name in self.OPEN_ROUTES}:
            messages.warning(request, "您的密码是管理员设置的临时密码，请先修改密码再使用本平台。")
            return redirect(change_url)
        response = self.get_response(request)
        if request.path == change_url and request.method == "POST" and response.status_code == 302:
            type(person).objects.filter(pk=person.pk).update(must_change_password=False)
        return response

    @staticmethod
    def _person_to_change(request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        person = person_of(user)
        if person is None or not person.must_change_password:
            return None
        return person
