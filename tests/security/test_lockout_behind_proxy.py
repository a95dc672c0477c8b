"""Behind nginx every request comes from the proxy's address: the failed-login lock must key on
the client's address nginx passes (X-Real-IP), else a stranger's wrong passwords lock the owner
out (issue 14, item 4)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

GOOD = "test-password-123"
PROXY = "10.0.0.2"


def login(client, password, client_ip, forged_forwarded_for=None):
    headers = {"REMOTE_ADDR": PROXY, "HTTP_X_REAL_IP": client_ip}
    if forged_forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = f"{forged_forwarded_for}, {client_ip}"
    return client.post("/accounts/login/", {"username": "staff", "password": password}, **headers)


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")


def test_a_strangers_failures_do_not_lock_the_owner_out(client, staff_user, behind_proxy):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong-password", "10.8.1.66", forged_forwarded_for="10.8.1.5")
    assert login(client, GOOD, "10.8.1.66").status_code == 429  # the stranger is locked
    response = login(client, GOOD, "10.8.1.5")  # the owner, from her own desk
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_setting_follows_behind_https_proxy():
    code = "from django.conf import settings; print(settings.AXES_IPWARE_META_PRECEDENCE_ORDER)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "BEHIND_HTTPS_PROXY": "true"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "HTTP_X_REAL_IP" in result.stdout, result.stderr
