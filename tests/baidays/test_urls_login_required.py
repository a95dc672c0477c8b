"""Walk every URL pattern the resolver knows (the admin's and any app's added later) and check
that only the login, logout and password-reset pages, the media view's own checks and /healthz
are open to anonymous visitors."""

import itertools
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

OPEN_ROUTES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "admin:login",
    # 反馈与意见征集 through a signed single-use link: the signature, the stored hash and the
    # expiry decide, not a login (tests/baidays/closing/test_feedback.py)
    "closing:feedback-link",
}

SAMPLE_VALUES = ["1", "x", *(c.label for c in apps.get_app_configs())]
CONVERTER_SAMPLES = {"int": "1", "path": "1", "str": "x", "slug": "x", "uuid": "0" * 32}


def sample_piece(pattern):
    """A concrete string matching one level of a URL pattern (route or regex)."""
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(\w+):)?\w+>",
            lambda m: CONVERTER_SAMPLES.get(m.group(1) or "str", "x"),
            str(pattern),
        )
    source = str(pattern).lstrip("^").rstrip("$")
    groups = re.findall(r"\((?:\?P<\w+>)?[^()]*\)", source)
    for values in itertools.product(SAMPLE_VALUES, repeat=len(groups)):
        candidate = source
        for group, value in zip(groups, values, strict=True):
            candidate = candidate.replace(group, value, 1)
        candidate = candidate.replace("\\", "")
        if pattern.regex.fullmatch(candidate):
            return candidate
    raise AssertionError(f"无法为 {pattern} 构造示例地址：请在 SAMPLE_VALUES 中补充")


def walk(patterns, prefix="", url="/", namespace=None):
    for entry in patterns:
        here = url + sample_piece(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), here, inner or None)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry, here


ALL_ROUTES = list(walk(get_resolver().url_patterns))


def route_id(route):
    return route[1] or route[0]


def test_the_walk_sees_the_portal_and_the_admin():
    names = {route[1] for route in ALL_ROUTES}
    assert {"home", "api-summary", "admin:index", "media", "password_reset"} <= names
    assert len(ALL_ROUTES) > 50  # admin of every registered model


def test_only_the_listed_routes_are_marked_open():
    marked_open = {
        route_id(r) for r in ALL_ROUTES if getattr(r[2].callback, "login_required", True) is False
    }
    assert marked_open <= OPEN_ROUTES
    assert {"login", "healthz", "password_reset"} <= marked_open


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in ALL_ROUTES if route_id(r) not in OPEN_ROUTES], ids=route_id
)
def test_anonymous_visitor_is_sent_to_login(client, route):
    url = route[3]
    assert resolve(url).func == route[2].callback, f"{url} 没有解析到 {route[0]}"
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), url


@pytest.mark.django_db
def test_open_pages_answer_anonymous_visitors(client):
    for url in ["/accounts/login/", "/accounts/password-reset/", "/admin/login/", "/healthz"]:
        assert client.get(url).status_code == 200, url
