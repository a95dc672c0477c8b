"""Production settings: `check --deploy` is clean and every page carries the security headers."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

from tests.baidays.weekly.support import running_campaign

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # the browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for its own process only; without
    # pytest's DJANGO_SETTINGS_MODULE, manage.py reads the production settings
    dropped = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=get_random_secret_key() + get_random_secret_key(),
        ALLOWED_HOSTS="baidays.example.gov.cn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_with_the_development_key():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="false", ALLOWED_HOSTS="x.gov.cn"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "client_fixture"),
    [
        ("/", "leader_client"),
        ("/report/", "staff_client"),
        ("/accounts/login/", "client"),
        ("/admin/", "admin_client"),
    ],
)
def test_pages_carry_the_security_headers(request, url, client_fixture):
    running_campaign()  # the staff's weekly list needs a campaign under way
    client = request.getfixturevalue(client_fixture)
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src "))
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src


def test_no_template_has_what_the_csp_would_block():
    """Inline scripts, inline event handlers (onclick=...) and <style> elements are blocked by
    the CSP; data goes in json_script, code and styles in static files."""
    offenders = []
    templates = [
        path
        for path in BASE_DIR.rglob("templates/**/*.html")
        if not {".venv", "node_modules", "staticfiles"} & set(path.parts)
    ]
    assert templates
    for template in templates:
        text = template.read_text(encoding="utf-8")
        name = template.relative_to(BASE_DIR)
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag and "application/json" not in tag:
                offenders.append(f"{name}: {tag}")
        offenders += [f"{name}: {m}" for m in re.findall(r"<style\b[^>]*>", text)]
        offenders += [f"{name}: {m}" for m in re.findall(r"\son[a-z]+\s*=\s*[\"']", text)]
        offenders += [f"{name}: {m}" for m in re.findall(r"javascript:", text)]
    assert offenders == []


@pytest.mark.django_db
def test_https_redirect_spares_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_the_500_page_needs_no_database_and_is_chinese():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "系统出错了" in html
    assert "没有保存" in html
