"""Network calls with a total deadline. A per-socket timeout bounds each read, not the call: a
peer that answers one byte every few seconds keeps it alive for ever. `Deadline` shuts down the
sockets it watches when the total time is up, whatever phase the call is in (connecting, TLS,
sending, waiting, reading), so every delivery returns within NOTIFY_DEADLINE_SECONDS.

Whether the peer may have acted on the request decides what a failure means: before the
request was sent it surely did not (DeliveryError: retried), once it was sent and no complete
answer came the outcome is unknown (DeliveryUnknown: not retried automatically)."""

import contextlib
import http.client
import json
import smtplib
import socket
import ssl
import threading
import time

from django.core.mail.backends import smtp

from baidays.notify.targets import TargetRefused, parse_webhook, resolve

ANSWER_MAX_BYTES = 64 * 1024


class DeliveryError(Exception):
    """Not delivered: the peer refused it or was not reached; it may be retried."""


class DeliveryRefused(DeliveryError):
    """Never deliverable as it stands (a refused address): failed at once, not retried."""


class DeliveryUnknown(Exception):
    """The request went out and no complete answer came back: the peer may have acted on it."""


class Deadline:
    """A total time limit for one delivery, as a context manager; `watch` a holder of a `sock`
    attribute (an HTTP or SMTP connection) and its socket is shut down when time is up."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._holders = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self._timer.cancel()

    def remaining(self):
        return max(0.01, self.ends - time.monotonic())

    def watch(self, holder):
        with self._lock:
            self._holders.append(holder)

    def check(self):
        if self.expired:
            raise TimeoutError(f"超过总时限 {self.seconds} 秒")

    def _expire(self):
        with self._lock:
            self.expired = True
            for holder in self._holders:
                _shut(getattr(holder, "sock", None))


def _shut(sock):
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _GuardedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked beforehand (not to whatever the name resolves to a
    second time) under the deadline."""

    def __init__(self, host, port, *, address, deadline, per_socket):
        super().__init__(host, port, timeout=per_socket)
        self.address, self.deadline = address, deadline

    def connect(self):
        self.deadline.watch(self)
        timeout = min(self.timeout, self.deadline.remaining())
        self.sock = socket.create_connection((self.address, self.port), timeout=timeout)
        self.deadline.check()


class _GuardedHTTPSConnection(_GuardedHTTPConnection):
    default_port = 443

    def connect(self):
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)
        self.deadline.check()


def _read_answer(response, deadline):
    chunks, size = [], 0
    while size <= ANSWER_MAX_BYTES:
        chunk = response.read(4096)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        deadline.check()
    deadline.check()
    return b"".join(chunks)[:ANSWER_MAX_BYTES].decode("utf-8", "replace")


def post_json(url, payload, *, total_seconds, per_socket_seconds):
    """POST `payload` as JSON; (HTTP status, answer text). Redirects are not followed."""
    try:
        webhook = parse_webhook(url)
        address = resolve(webhook)[0]
    except TargetRefused as exc:
        raise DeliveryRefused(str(exc)) from None
    except (OSError, UnicodeError) as exc:
        raise DeliveryError(f"无法解析机器人主机 {url_host(url)}：{exc}") from None
    cls = _GuardedHTTPSConnection if webhook.scheme == "https" else _GuardedHTTPConnection
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    with Deadline(total_seconds) as deadline:
        conn = cls(
            webhook.host,
            webhook.port,
            address=address,
            deadline=deadline,
            per_socket=per_socket_seconds,
        )
        try:
            try:
                conn.request("POST", webhook.path, body=body, headers=headers)
            except (OSError, http.client.HTTPException) as exc:
                raise DeliveryError(f"连接 {webhook.host} 失败：{_why(exc, deadline)}") from None
            try:
                response = conn.getresponse()
                return response.status, _read_answer(response, deadline)
            except (OSError, http.client.HTTPException) as exc:
                raise DeliveryUnknown(
                    f"消息已发给 {webhook.host}，未收到完整答复（{_why(exc, deadline)}），"
                    "对方可能已收到"
                ) from None
        finally:
            conn.close()


def url_host(url):
    try:
        return parse_webhook(url).host
    except TargetRefused:
        return "（地址无效）"


def _why(exc, deadline):
    if deadline.expired:
        return f"超过总时限 {deadline.seconds} 秒"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class DeadlineSMTPBackend(smtp.EmailBackend):
    """Django's SMTP backend whose connection is watched by a Deadline and knows whether the
    message's DATA had begun (after that, a lost answer is an unknown outcome)."""

    def __init__(self, *, deadline, **kwargs):
        super().__init__(**kwargs)
        self.deadline = deadline

    @property
    def connection_class(self):
        base = smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP
        deadline = self.deadline

        class Watched(base):
            in_data = False

            def _get_socket(self, host, port, timeout):
                deadline.watch(self)
                sock = super()._get_socket(host, port, min(timeout, deadline.remaining()))
                if deadline.expired:
                    sock.close()
                    deadline.check()
                return sock

            def data(self, msg):
                self.in_data = True
                return super().data(msg)

        return Watched


def send_mail_within(message, *, total_seconds):
    """Send one EmailMessage over SMTP within `total_seconds` (DeliveryError before its DATA,
    DeliveryUnknown once DATA had begun); other mail backends (console, tests) send as they are."""
    connection = message.get_connection()
    if type(connection) is not smtp.EmailBackend:
        message.send()
        return
    with Deadline(total_seconds) as deadline:
        backend = DeadlineSMTPBackend(deadline=deadline)
        try:
            backend.open()
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"连接邮件服务器失败：{_why(exc, deadline)}") from None
        session = backend.connection
        try:
            backend.send_messages([message])
        except (OSError, smtplib.SMTPException) as exc:
            if session.in_data and not isinstance(exc, smtplib.SMTPResponseException):
                raise DeliveryUnknown(
                    f"邮件内容已发出，未收到邮件服务器的确认（{_why(exc, deadline)}），"
                    "对方可能已收到"
                ) from None
            raise DeliveryError(f"邮件发送失败：{_why(exc, deadline)}") from None
        finally:
            backend.close()
