"""Small ones of issue 14: what logged-in pages let the browser keep, the server's name, the
CSRF refusal and the 404 page under DEBUG, all in the portal's Chinese design."""

import importlib.util
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_logged_in_pages_are_not_stored(staff_client, leader_client):
    for client, url in ((staff_client, "/report/"), (leader_client, "/topics/meetings/")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


def test_gunicorn_does_not_name_itself():
    import gunicorn.http.wsgi

    config = Path(__file__).resolve().parents[2] / "docs" / "deploy" / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", config)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    assert "gunicorn" not in gunicorn.http.wsgi.SERVER.lower()


def test_csrf_failure_is_the_portals_chinese_403(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/report/week/", {})
    assert response.status_code == 403
    text = response.content.decode()
    assert "页面已过期" in text and "返回首页" in text and "CSRF" not in text


def test_the_404_page_is_chinese_under_debug(staff_client, settings):
    settings.DEBUG = True
    response = staff_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "没有找到该页面" in response.content.decode()
    staff_client.raise_request_exception = False
    response = staff_client.get("/enterprises/problems/new/")  # a view's Http404
    assert response.status_code == 404 and "没有找到该页面" in response.content.decode()
