"""Settings come from the environment; a malformed value stops start-up with one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    # without pytest's DJANGO_SETTINGS_MODULE, manage.py reads the production settings
    dropped = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "name,value",
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "nosuchdb://x"),
        ("SESSION_COOKIE_AGE", "two hours"),
        ("PORTAL_URL", "baidays.example.gov.cn"),
    ],
)
def test_malformed_variable_stops_start_up_naming_it(name, value):
    result = run_check(**{name: value})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert "Traceback" not in result.stderr


def test_serving_without_secret_key_and_debug_off_is_refused():
    dropped = ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    result = subprocess.run(
        [sys.executable, "-c", "import baidays.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_secret_key_starting_with_a_dollar_is_taken_as_written():
    key = "$" + "k7#Qx!" * 10
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["SECRET_KEY"] = key
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "baidays.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == key, result.stderr


def test_the_test_overrides_live_in_the_test_settings_only():
    """Production reads baidays.settings whatever process loads it; only the suite's own
    settings module turns the summary cache, the HTTPS redirect and slow hashing off."""
    script = (
        "from django.conf import settings as s; "
        "print(s.SUMMARY_CACHE_SECONDS, s.SECURE_SSL_REDIRECT, s.PASSWORD_HASHERS[0])"
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DEBUG", "SUMMARY_CACHE_SECONDS")
    }
    found = {}
    for module in ("baidays.settings", "baidays.test_settings"):
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**environment, "DJANGO_SETTINGS_MODULE": module},
            capture_output=True,
            text=True,
            timeout=60,
        )
        found[module] = result.stdout.split()
    assert found["baidays.settings"][:2] == ["600", "True"], found
    assert "MD5" not in found["baidays.settings"][2]
    assert found["baidays.test_settings"] == [
        "0",
        "False",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
