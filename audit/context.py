"""The request being served, so that records written from signal handlers (model saves,
password changes) name who did it and from where."""

import contextvars

current_request = contextvars.ContextVar("audit_current_request", default=None)
