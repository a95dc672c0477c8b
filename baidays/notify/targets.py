"""Where a channel may send: one rule for the admin form, the `add_channel` command (both
through Channel.clean) and the sender (again at each delivery, on the addresses the host
resolves to then). An email channel needs a real mail address; a robot an http(s) URL whose
host resolves only to public addresses — loopback, link-local, private and reserved ones are
refused unless the host is listed in NOTIFY_ALLOWED_HOSTS (an intranet robot gateway, the
tests' local receiver)."""

import ipaddress
import socket
import urllib.parse
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from baidays.notify.text import one_line


class TargetRefused(Exception):
    """The channel's address may not be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class Webhook:
    scheme: str
    host: str
    port: int
    path: str  # with its query string


def email_problem(address):
    """Why `address` is not a mail address a channel may use, or None."""
    if address != one_line(address):
        return f"邮箱地址“{one_line(address)}”中不能有换行或控制字符"
    try:
        validate_email(address)
    except ValidationError:
        return f"“{address}”不是电子邮件地址"
    return None


def parse_webhook(url):
    """The parts of a robot's URL; TargetRefused when it is not a plain http(s) URL."""
    shown = one_line(url)[:120]
    if url != one_line(url) or " " in url:
        raise TargetRefused(f"机器人地址中不能有空格、换行或控制字符：{shown}")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise TargetRefused(f"机器人地址应以 https:// 开头（只接受 http 和 https）：{shown}")
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise TargetRefused(f"机器人地址应为 https://主机/路径，不含用户名和密码：{shown}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise TargetRefused(f"机器人地址的端口无效：{shown}") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Webhook(parts.scheme, parts.hostname, port, path)


def _is_allowed_host(host):
    return host.lower() in {name.lower() for name in settings.NOTIFY_ALLOWED_HOSTS}


def _public(address):
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(webhook):
    """The addresses to connect to for `webhook`; TargetRefused when one of them is not a
    public address (and the host is not allowed), OSError when the host does not resolve."""
    infos = socket.getaddrinfo(webhook.host, webhook.port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if _is_allowed_host(webhook.host):
        return addresses
    refused = [address for address in addresses if not _public(address)]
    if refused:
        raise TargetRefused(
            f"机器人地址 {webhook.host} 指向本机、内网或保留地址（{'、'.join(refused)}），"
            "不能作为通知渠道；确属内网机器人时由管理员在 NOTIFY_ALLOWED_HOSTS 中列出该主机"
        )
    return addresses


def webhook_problem(url):
    """Why `url` may not be a robot's address, or None. A host that does not resolve now is
    accepted here (the intranet may resolve it later) and checked again at each delivery."""
    try:
        resolve(parse_webhook(url))
    except TargetRefused as exc:
        return str(exc)
    except (OSError, UnicodeError):
        return None
    return None
