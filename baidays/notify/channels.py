"""Senders of the outside channels. Each sends one outbox entry — one message, or one part of a
long one — and raises DeliveryError (not delivered, may be retried), DeliveryRefused (never
deliverable as it stands) or DeliveryUnknown (sent, no answer: the peer may have it).

企业微信 group robot: POST {"msgtype": "markdown", "markdown": {"content": ...}}, content at most
4096 bytes (UTF-8), so longer texts are queued as several parts (`parts_of`), split between
whole items, each its own delivery headed "（续 k/n）". 钉钉 custom robot: POST
{"msgtype": "markdown", "markdown": {"title", "text"}} to the webhook with `timestamp` (ms) and
`sign` = urlencode(base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}"))) when it has a secret;
a robot takes at most 20 messages a minute (the outbox keeps to that). The robots' markdown is
built by baidays.notify.text.robot_markdown: user text escaped, links only to the portal."""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse

from django.conf import settings
from django.core.mail import EmailMessage

from baidays.notify.models import ChannelKind
from baidays.notify.network import (
    DeliveryError,
    DeliveryRefused,
    DeliveryUnknown,
    post_json,
    send_mail_within,
    url_host,
)
from baidays.notify.targets import email_problem
from baidays.notify.text import bounded, one_line, printable_body, robot_markdown

__all__ = ["DeliveryError", "DeliveryRefused", "DeliveryUnknown", "send_entry", "parts_of"]

WECOM_MAX_BYTES = 4096
DINGTALK_MAX_BYTES = 20000
DINGTALK_PER_MINUTE = 20
TIMEOUT_SECONDS = 10
MAX_BYTES = {ChannelKind.WECOM: WECOM_MAX_BYTES, ChannelKind.DINGTALK: DINGTALK_MAX_BYTES}


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


def _items(body):
    """The body's whole items: its paragraphs when it has several (a 督办 notice's 督办单), else
    its lines (a reminder's list)."""
    separator = "\n\n" if "\n\n" in body else "\n"
    return [item for item in body.split(separator) if item.strip()], separator


def part_subject(subject, part, parts):
    if parts == 1:
        return subject
    return f"{subject}（{part}/{parts}）" if part == 1 else f"{subject}（续 {part}/{parts}）"


def _fits(subject, body, max_bytes, parts_guess):
    return len(robot_markdown(part_subject(subject, 2, parts_guess), body).encode()) <= max_bytes


def _pack(subject, items, separator, max_bytes, parts_guess):
    groups, current = [], []
    for item in items:
        if current and not _fits(subject, separator.join([*current, item]), max_bytes, parts_guess):
            groups.append(current)
            current = []
        current.append(item)
    if current:
        groups.append(current)
    return [separator.join(group) for group in groups]


def _cut_oversized(subject, items, max_bytes, parts_guess):
    """An item longer than a whole message is cut at line ends (then bytes) to fit."""
    budget = max_bytes - len(robot_markdown(part_subject(subject, 99, 99), "").encode()) - 16
    cut = []
    for item in items:
        if _fits(subject, item, max_bytes, parts_guess):
            cut.append(item)
            continue
        # markdown escaping makes a character up to three times longer
        cut.extend(piece.rstrip("\n") for piece in split_utf8(item, max(budget // 3, 64)))
    return cut


def parts_of(kind, subject, body):
    """[(subject, body)] of the deliveries of one message on a channel of `kind`: one for mail;
    for robots as many as their size limit needs, split between whole items."""
    max_bytes = MAX_BYTES.get(kind)
    if max_bytes is None or len(robot_markdown(subject, body).encode()) <= max_bytes:
        return [(subject, body)]
    items, separator = _items(body)
    parts_guess = 9
    bodies = _pack(
        subject,
        _cut_oversized(subject, items, max_bytes, parts_guess),
        separator,
        max_bytes,
        parts_guess,
    )
    return [(part_subject(subject, n, len(bodies)), text) for n, text in enumerate(bodies, 1)]


def _robot_reply(status, answer):
    if 300 <= status < 400:
        raise DeliveryRefused(f"机器人地址返回了重定向（HTTP {status}），不跟随；请核对地址")
    if status >= 400:
        raise DeliveryError(f"机器人答复 HTTP {status}：{bounded(answer, 200)}")
    try:
        errcode = json.loads(answer).get("errcode", 0)
    except (ValueError, AttributeError):
        raise DeliveryError(f"机器人返回了无法识别的内容：{bounded(answer, 200)}") from None
    if errcode != 0:
        raise DeliveryError(f"机器人拒绝了消息：{bounded(answer, 300)}")


def _post(url, payload):
    status, answer = post_json(
        url,
        payload,
        total_seconds=settings.NOTIFY_DEADLINE_SECONDS,
        per_socket_seconds=TIMEOUT_SECONDS,
    )
    _robot_reply(status, answer)


def dingtalk_signed_url(url, secret, timestamp_ms=None):
    timestamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp}&sign={sign}"


def send_email(address, subject, body):
    problem = email_problem(address)
    if problem:
        raise DeliveryRefused(problem)
    message = EmailMessage(
        # a header is one line: user text in a subject never carries CR/LF into the mail
        subject=one_line(subject)[:200],
        body=printable_body(body),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    send_mail_within(message, total_seconds=settings.NOTIFY_DEADLINE_SECONDS)


def _clip(text, max_bytes):
    """A part made before a setting changed may render longer: cut, never a second POST."""
    data = text.encode()
    return text if len(data) <= max_bytes else data[: max_bytes - 3].decode("utf-8", "ignore") + "…"


def send_wecom(channel, subject, body):
    content = _clip(robot_markdown(subject, body), WECOM_MAX_BYTES)
    _post(channel.target, {"msgtype": "markdown", "markdown": {"content": content}})


def send_dingtalk(channel, subject, body):
    url = dingtalk_signed_url(channel.target, channel.secret) if channel.secret else channel.target
    text = _clip(robot_markdown(subject, body), DINGTALK_MAX_BYTES)
    title = one_line(subject)[:64]
    _post(url, {"msgtype": "markdown", "markdown": {"title": title, "text": text}})


def send_entry(entry):
    """Send one outbox entry to its channel (or, with no channel, to its mail address)."""
    if entry.channel is None:
        send_email(entry.to_address, entry.subject, entry.body)
    elif entry.channel.kind == ChannelKind.EMAIL:
        send_email(entry.channel.target, entry.subject, entry.body)
    elif entry.channel.kind == ChannelKind.WECOM:
        send_wecom(entry.channel, entry.subject, entry.body)
    elif entry.channel.kind == ChannelKind.DINGTALK:
        send_dingtalk(entry.channel, entry.subject, entry.body)
    else:
        raise DeliveryRefused(
            f"未知的渠道：{entry.channel.kind}（{url_host(entry.channel.target)}）"
        )
