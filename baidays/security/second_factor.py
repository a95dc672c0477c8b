"""Who must use the second factor (TOTP, django-otp) and the helpers the pages use: the QR code
drawn on the server as SVG, recovery codes (django-otp's static device)."""

import io

from django.conf import settings
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import role_of

RECOVERY_CODES = 10
TOTP_NAME = "动态口令"
RECOVERY_NAME = "恢复码"


def needs_second_factor(user):
    return bool(settings.OTP_REQUIRED_ROLES) and role_of(user) in settings.OTP_REQUIRED_ROLES


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user):
    """The device being enrolled: the same secret until it is confirmed, so reloading the
    page does not invalidate the code the person already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_svg(text):
    """An inline SVG QR code of `text`, drawn here: no image service sees the secret."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    # the XML declaration is not allowed inside HTML; the rest is generated markup only
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308


def base32_secret(device):
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def new_recovery_codes(user):
    """Replace the account's recovery codes with RECOVERY_CODES new ones, each usable once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
