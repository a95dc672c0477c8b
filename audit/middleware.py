"""Every request is known to the audit log's signal handlers (who, from where), and a request
whose audit record could not be written ends with a 503 that says so — never a silent 200."""

from django.shortcuts import render

from audit.context import current_request
from audit.services import AuditUnavailable


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            try:
                return self.get_response(request)
            except AuditUnavailable as exc:
                return _unavailable(request, exc)
        finally:
            current_request.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, AuditUnavailable):
            return _unavailable(request, exception)
        return None


def _unavailable(request, exc):
    return render(request, "audit/unavailable.html", {"message": str(exc)}, status=503)
