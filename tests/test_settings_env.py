"""Settings come from the environment; a malformed value stops start-up with one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
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
        ("REPORT_WEEK_END_WEEKDAY", "9"),
        ("LAG_YELLOW_POINTS", "ten"),
        ("SESSION_COOKIE_AGE", "two hours"),
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
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
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
