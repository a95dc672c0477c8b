"""Rules every page shares: a session that ends after a spell of idleness, what the browser may
keep, and the Chinese 404 page even while developing."""

import time

from django.conf import settings
from django.http import HttpResponseNotFound
from django.shortcuts import render

from core.selectors import read_once


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


class ReadOnceMiddleware:
    """A page read (GET, HEAD) computes each value the pages share once, even with the summary
    cache off (core.selectors.read_once). Other methods write, and read afresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with read_once():
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
