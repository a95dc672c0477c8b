"""The admin speaks Chinese to the office clerk: no English words on the index, on any model's
list or add page (Django's and django-axes's untranslated strings are in locale/), and Celery
beat's schedule tables are not there at all (its 周期任务 list only for superusers)."""

import html
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

# words that are names, not English sentences: formats, standards, products
# words that are names, not English sentences: the logged-in admin's username, key names in
# Django's own Chinese ("按住 Control 或 Mac 上的 Command"), products and standards; "unknown" is
# django-axes's record of a request without a User-Agent (data, not interface)
ALLOWED = {"admin", "Control", "Command", "LDAP", "Webhook", "Excel", "unknown"}
LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def english_words(page):
    text = page.content.decode()
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    words = set(re.findall(r"[A-Za-z][A-Za-z’']{3,}(?: [A-Za-z][A-Za-z’']+)*", text))
    return sorted(word for word in words if word not in ALLOWED)


def admin_pages(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = [reverse("admin:index"), reverse("admin:auth_user_add")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    return urls


def test_no_admin_page_shows_english(admin_client, admin_user):
    found = {}
    for url in admin_pages(admin_user):
        page = admin_client.get(url)
        assert page.status_code == 200, url
        words = english_words(page)
        if words:
            found[url] = words
    assert found == {}


def test_celery_beats_tables_are_not_in_the_admin(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    for hidden in ("定时", "间隔", "日程事件", "周期任务", "django_celery_beat"):
        assert hidden not in index
    for model in ("intervalschedule", "crontabschedule", "periodictask"):
        assert admin_client.get(f"/admin/django_celery_beat/{model}/").status_code == 404


def test_axes_lockouts_are_named_in_chinese_on_the_index(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "登录失败锁定" in index and "登录失败记录" in index and "Axes" not in index


def test_permissions_read_in_chinese_on_the_group_page(admin_client):
    page = admin_client.get(reverse("admin:auth_group_add")).content.decode()
    assert "可以新增项目" in page and "可以查看项目的修改历史" in page
    assert "Can add" not in page


def test_the_compiled_catalogue_is_up_to_date():
    assert (LOCALE / "django.mo").stat().st_mtime >= (LOCALE / "django.po").stat().st_mtime - 1
