"""Password reset through the outbox: the request only writes the mail into the outbox (the
worker sends it within NOTIFY_DEADLINE_SECONDS), so no web worker ever waits on an SMTP server,
and requests are throttled — at most PASSWORD_RESET_PER_HOUR an hour for one address and for
one client address. Every request counts, whether the address belongs to an account or not,
so the throttle tells nothing about which addresses exist."""

import datetime
import uuid

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.template import loader
from django.utils import timezone

from baidays.notify.models import PasswordResetRequest
from baidays.notify.outbox import FORGOTTEN_ONCE_SENT, queue

WINDOW = datetime.timedelta(hours=1)


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue(
            key=f"{FORGOTTEN_ONCE_SENT}{uuid.uuid4().hex}",
            to_address=to_email,
            subject=subject,
            body=body,
        )


def throttled(email, client, now):
    """The Chinese message when this request is one too many, else None."""
    since = now - WINDOW
    recent = PasswordResetRequest.objects.filter(requested_at__gt=since)
    limit = settings.PASSWORD_RESET_PER_HOUR
    if recent.filter(email__iexact=email).count() >= limit:
        return f"这个邮箱一小时内已申请 {limit} 次重设密码，请查收已发出的邮件，或一小时后再试。"
    if recent.filter(client=client).count() >= limit:
        return f"本机一小时内已申请 {limit} 次重设密码，请一小时后再试，或联系管委会办公室管理员。"
    return None


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip()[:254]
        client = (get_client_ip_address(self.request) or "unknown")[:64]
        now = timezone.now()
        with transaction.atomic():
            refusal = throttled(email, client, now)
            if refusal is None:
                PasswordResetRequest.objects.create(email=email, client=client, requested_at=now)
                return super().form_valid(form)
        form.add_error("email", refusal)
        return self.form_invalid(form)
