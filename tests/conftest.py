"""Named users per role and their logged-in clients; the hypothesis profiles."""

import os
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import Client
from django.test.testcases import LiveServerThread
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from core.choices import Role
from tests.factories import (
    DepartmentFactory,
    EnterpriseAccountFactory,
    EnterpriseFactory,
    PersonFactory,
    UserFactory,
)

# CI runs every property test with the same examples (derandomize): a red CI is reproducible
# and a green one cannot turn red on the next run by chance. Tests keep their own example
# counts; the profile fixes how the examples are drawn and drops the per-example deadline,
# which only measures how busy the two cores are.
hypothesis_settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


class _OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server's requests run one at a time. With SQLite in memory the live server's
    threads share the test's one connection (Django's documented limit), so two requests that
    write at once — a page's photos each recording its download in the audit log — would start
    a transaction inside the other's. A browser still opens several connections; only the
    views run in turn (a file's bytes stream outside the lock)."""

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


LiveServerThread.server_class = _OneRequestAtATimeServer


def _user_with_role(username, role, department, *, superuser=False):
    user = UserFactory(username=username, is_superuser=superuser, is_staff=superuser)
    PersonFactory(user=user, name=username, role=role, department=department)
    return user


@pytest.fixture
def department(db):
    return DepartmentFactory(name="园区建设科")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="园区电力办")


@pytest.fixture
def admin_user(db):
    return _user_with_role(
        "admin", Role.ADMIN, DepartmentFactory(name="县工业园区管委会"), superuser=True
    )


@pytest.fixture
def leader_user(db):
    return _user_with_role("leader", Role.LEADER, DepartmentFactory(name="县工业园区管委会"))


@pytest.fixture
def staff_user(department):
    return _user_with_role("staff", Role.STAFF, department)


@pytest.fixture
def other_staff_user(other_department):
    return _user_with_role("staff2", Role.STAFF, other_department)


@pytest.fixture
def reviewer_user(department):
    """The 审核人 (head) of the staff's unit."""
    return _user_with_role("reviewer", Role.REVIEWER, department)


@pytest.fixture
def own_enterprise(db):
    return EnterpriseFactory(name="本企业有限公司")


@pytest.fixture
def enterprise_user(own_enterprise):
    """The 企业填报员 of `own_enterprise`."""
    user = UserFactory(username="enterprise")
    EnterpriseAccountFactory(
        enterprise=own_enterprise, person__user=user, person__name="企业填报员"
    )
    return user


@pytest.fixture
def secadmin_user(db):
    """The 安全管理员 (三员分立): accounts' roles and rights, locks, second factors."""
    return _user_with_role("secadmin", Role.SECURITY_ADMIN, DepartmentFactory(name="信息中心"))


@pytest.fixture
def auditor_user(db):
    """The 审计管理员: reads and exports the security audit log, changes nothing."""
    return _user_with_role("auditor", Role.AUDIT_ADMIN, DepartmentFactory(name="审计室"))


def _client_for(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def admin_client(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def leader_client(leader_user):
    return _client_for(leader_user)


@pytest.fixture
def staff_client(staff_user):
    return _client_for(staff_user)


@pytest.fixture
def other_staff_client(other_staff_user):
    return _client_for(other_staff_user)


@pytest.fixture
def reviewer_client(reviewer_user):
    return _client_for(reviewer_user)


@pytest.fixture
def enterprise_client(enterprise_user):
    return _client_for(enterprise_user)


# --- Browser tests --------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """A real headless Chromium (Debian's), driven by Playwright; never a downloaded browser.
    Without it the browser tests skip, except in CI where that is a failure."""
    import os
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        message = f"浏览器测试需要 {CHROMIUM}（apt-get install chromium chromium-driver）"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page whose console errors are collected in `page.console_errors`."""
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    new_page = context.new_page()
    new_page.console_errors = []
    new_page.on(
        "console", lambda msg: msg.type == "error" and new_page.console_errors.append(msg.text)
    )
    new_page.on("pageerror", lambda exc: new_page.console_errors.append(str(exc)))
    yield new_page
    context.close()


def open_phone_menu(page):
    """Open the navigation folded behind the toggler, and wait until it has finished opening
    (Bootstrap swaps .collapsing for .collapse.show): an entry clicked while it still slides
    can miss it."""
    page.click(".navbar-toggler")
    page.wait_for_selector(".navbar-collapse.collapse.show")


def browser_login(page, username, password="test-password-123"):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


# --- The audit log's append-only triggers ---------------------------------------------------
@pytest.fixture(autouse=True)
def _audit_log_flushable(request):
    """A transactional test's database is emptied by a flush, whose DELETE the audit log's
    triggers refuse: they are dropped just before it, and the flush's post_migrate installs
    them again (audit/triggers.py). Other tests roll back and need nothing."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connections

    from audit.triggers import drop_triggers

    for alias in connections:
        drop_triggers(alias)
