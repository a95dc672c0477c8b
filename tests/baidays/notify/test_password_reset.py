"""Issue 22 #6: an anonymous password-reset POST never talks to the mail server (the mail goes
through the outbox, sent by the worker within its deadline), and requests are throttled per
address and per client address with a clear Chinese message."""

import pytest
from django.test import Client

from baidays.notify.models import OutboxEntry, OutboxStatus
from baidays.notify.outbox import deliver_pending
from tests.baidays.notify.hostile_peers import RawServer, silent
from tests.baidays.notify.peers import smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(staff_user):
    staff_user.email = "staff@example.gov.cn"
    staff_user.save()
    return staff_user


def _ask(client, address, ip="10.0.0.1"):
    return client.post("/accounts/password-reset/", {"email": address}, REMOTE_ADDR=ip)


def test_a_reset_request_with_a_hanging_smtp_server_answers_at_once_and_queues_the_mail(
    registered, settings
):
    with RawServer(silent) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        response = _ask(Client(), "staff@example.gov.cn")
        assert server.connections == 0  # the request did not touch the mail server
    assert response.status_code == 302
    entry = OutboxEntry.objects.get()
    assert (entry.to_address, entry.channel, entry.status) == (
        "staff@example.gov.cn",
        None,
        OutboxStatus.PENDING,
    )
    assert "/accounts/password-reset/" in entry.body


def test_the_queued_reset_mail_is_delivered_and_its_link_not_kept(registered, settings):
    settings.NOTIFY_QUIET_HOURS = (__import__("datetime").time(0),) * 2
    _ask(Client(), "staff@example.gov.cn")
    controller, box = smtp_server()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
        settings.EMAIL_USE_TLS = False
        assert deliver_pending() == (1, 0)
    finally:
        controller.stop()
    assert box.messages[0].rcpt_tos == ["staff@example.gov.cn"]
    assert b"/accounts/password-reset/" in box.messages[0].content
    entry = OutboxEntry.objects.get()
    assert entry.status == OutboxStatus.SENT and "/accounts/" not in entry.body


def test_twenty_reset_requests_for_one_address_are_throttled(registered, settings):
    settings.PASSWORD_RESET_PER_HOUR = 5
    responses = [_ask(Client(), "staff@example.gov.cn", ip=f"10.0.0.{n}") for n in range(1, 21)]
    assert [r.status_code for r in responses[:5]] == [302] * 5
    refused = responses[5].content.decode()
    assert responses[5].status_code == 200
    assert "这个邮箱一小时内已申请 5 次重设密码" in refused
    assert OutboxEntry.objects.count() == 5


def test_reset_requests_from_one_client_are_throttled_whatever_the_address(settings):
    settings.PASSWORD_RESET_PER_HOUR = 3
    client = Client()
    codes = [_ask(client, f"nobody{n}@example.gov.cn").status_code for n in range(4)]
    assert codes == [302, 302, 302, 200]
    assert "本机一小时内已申请 3 次重设密码" in _ask(client, "x@example.gov.cn").content.decode()
