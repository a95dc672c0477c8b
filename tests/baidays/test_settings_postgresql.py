"""PostgreSQL sessions run without JIT (the lag rule's reads would spend seconds compiling) and
price an index probe for a solid-state disk (a week's report counts probe each item's reports)."""

import pytest
from django.conf import settings
from django.db import connection


def test_postgresql_sessions_ask_for_jit_off():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if connection.vendor != "postgresql":
        assert "options" not in options  # SQLite has no JIT and no such option
    else:
        assert "-c jit=off" in options["options"]


@pytest.mark.django_db
@pytest.mark.parametrize(("setting", "value"), [("jit", "off"), ("random_page_cost", "1.1")])
def test_a_postgresql_session_runs_without_jit_and_prices_probes_for_ssd(setting, value):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run the suite with DATABASE_URL=postgres://…")
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {setting}")
        assert cursor.fetchone() == (value,)
