"""The second factor's pages (enrolment, verification) and the audit administrator's page of
the security audit log with its .xlsx export."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from audit.choices import Event, Outcome
from audit.selectors import filtered_records
from audit.services import record
from baidays.security.audit_export import audit_filename, audit_workbook
from baidays.security.forms import AuditFilterForm, CodeForm
from baidays.security.second_factor import (
    base32_secret,
    confirmed_totp,
    new_recovery_codes,
    pending_totp,
    qr_svg,
)
from core.paging import query_without_page
from core.roles import can_read_audit_log

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")


class SecondFactorSetupView(View):
    """Enrolment: scan the QR code (or type the secret), confirm with one code; then the
    recovery codes are shown once."""

    template_name = "security/otp_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if confirmed_totp(request.user) is not None:
            return redirect(f"{reverse('security:otp-verify')}?next={_next_url(request)}")
        return super().dispatch(request, *args, **kwargs)

    def _page(self, request, form, status=200):
        device = pending_totp(request.user)
        context = {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": base32_secret(device),
            "next": _next_url(request),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._page(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        device = pending_totp(request.user)
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            codes = new_recovery_codes(request.user)
            record(event=Event.SECOND_FACTOR, request=request, details={"step": "启用动态口令"})
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "security/recovery_codes.html", context)
        record(
            event=Event.SECOND_FACTOR,
            outcome=Outcome.FAILURE,
            request=request,
            details={"step": "启用动态口令"},
        )
        form.add_error("code", "验证码不正确或已过期，请输入手机上当前显示的 6 位数字")
        return self._page(request, form, status=400)


def _device_accepting(user, code):
    device = confirmed_totp(user)
    if device is not None and device.verify_token(code):
        return device, "动态口令"
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            return device, "恢复码"
    return None, ""


class SecondFactorVerifyView(View):
    template_name = "security/otp_verify.html"

    def get(self, request):
        if confirmed_totp(request.user) is None:
            return redirect(f"{reverse('security:otp-setup')}?next={_next_url(request)}")
        return render(request, self.template_name, {"form": CodeForm(), "next": _next_url(request)})

    def post(self, request):
        form = CodeForm(request.POST)
        device, kind = (None, "")
        if form.is_valid():
            device, kind = _device_accepting(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            record(event=Event.SECOND_FACTOR, request=request, details={"step": f"{kind}验证"})
            return redirect(_next_url(request))
        record(
            event=Event.SECOND_FACTOR,
            outcome=Outcome.FAILURE,
            request=request,
            details={"step": "验证"},
        )
        form.add_error("code", "验证码不正确或已使用，请重新输入")
        context = {"form": form, "next": _next_url(request)}
        return render(request, self.template_name, context, status=400)


class AuditReaderMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_read_audit_log(request.user):
            raise PermissionDenied("只有审计管理员可以查看和导出安全审计日志")
        form = AuditFilterForm(request.GET or None)
        self.filters = form.cleaned_data if form.is_valid() else {}
        self.form = form
        return super().dispatch(request, *args, **kwargs)

    def records(self):
        return filtered_records(
            since=self.filters.get("since"),
            until=self.filters.get("until"),
            username=self.filters.get("username", ""),
            event=self.filters.get("event", ""),
        )


class AuditLogView(AuditReaderMixin, TemplateView):
    template_name = "security/audit_log.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.records().reverse(), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        context.update(form=self.form, page=page, query=query_without_page(self.request))
        return context


class AuditExportView(AuditReaderMixin, View):
    def get(self, request):
        records = self.records()
        filename = audit_filename(self.filters)
        record(event=Event.EXPORT, request=request, target=filename, details=_plain(self.filters))
        response = HttpResponse(audit_workbook(records), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _plain(filters):
    return {key: str(value) for key, value in filters.items() if value}
