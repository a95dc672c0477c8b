"""Senders of the outside channels. Each takes a channel and (subject, body) and raises
DeliveryError with the peer's words when the delivery did not go through.

企业微信 group robot: POST {"msgtype": "markdown", "markdown": {"content": ...}}, content at most
4096 bytes (UTF-8), so longer texts go as several messages. 钉钉 custom robot: POST
{"msgtype": "markdown", "markdown": {"title", "text"}} to the webhook with `timestamp` (ms) and
`sign` = urlencode(base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}"))) when it has a secret;
a robot takes at most 20 messages a minute (the outbox keeps to that)."""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.mail import send_mail

from baidays.notify.models import ChannelKind

WECOM_MAX_BYTES = 4096
DINGTALK_MAX_BYTES = 20000
DINGTALK_PER_MINUTE = 20
TIMEOUT_SECONDS = 10


class DeliveryError(Exception):
    pass


def split_utf8(text, max_bytes):
    """Pieces of `text`, each at most `max_bytes` in UTF-8, cut at line ends where possible."""
    pieces, current = [], ""
    for line in text.splitlines(keepends=True):
        while len(line.encode()) > max_bytes:
            cut = max_bytes
            while len(line[:cut].encode()) > max_bytes:
                cut -= 1
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:]
        if len((current + line).encode()) > max_bytes:
            pieces.append(current)
            current = ""
        current += line
    if current:
        pieces.append(current)
    return pieces


def _post_json(url, payload):
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            answer = response.read().decode("utf-8", "replace")
    except OSError as exc:
        raise DeliveryError(f"连接 {urllib.parse.urlsplit(url).netloc} 失败：{exc}") from exc
    try:
        errcode = json.loads(answer).get("errcode", 0)
    except (ValueError, AttributeError):
        raise DeliveryError(f"机器人返回了无法识别的内容：{answer[:200]}") from None
    if errcode != 0:
        raise DeliveryError(f"机器人拒绝了消息：{answer[:300]}")


def dingtalk_signed_url(url, secret, timestamp_ms=None):
    timestamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp}&sign={sign}"


def send_email(channel, subject, body):
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [channel.target])
    except OSError as exc:
        raise DeliveryError(f"邮件发送失败：{exc}") from exc


def send_wecom(channel, subject, body):
    for piece in split_utf8(f"### {subject}\n{body}", WECOM_MAX_BYTES):
        _post_json(channel.target, {"msgtype": "markdown", "markdown": {"content": piece}})


def send_dingtalk(channel, subject, body):
    for piece in split_utf8(f"### {subject}\n{body}", DINGTALK_MAX_BYTES):
        url = (
            dingtalk_signed_url(channel.target, channel.secret)
            if channel.secret
            else (channel.target)
        )
        _post_json(url, {"msgtype": "markdown", "markdown": {"title": subject, "text": piece}})


SENDERS = {
    ChannelKind.EMAIL: send_email,
    ChannelKind.WECOM: send_wecom,
    ChannelKind.DINGTALK: send_dingtalk,
}
