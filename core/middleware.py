"""Response rules every page shares: what the browser may keep, and the Chinese 404 page even
while developing."""

from django.conf import settings
from django.http import HttpResponseNotFound
from django.shortcuts import render


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
