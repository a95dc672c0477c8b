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
def test_a_postgresql_session_has_jit_off():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run the suite with DATABASE_URL=postgres://…")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.django_db
def test_a_postgresql_session_prices_index_probes_for_a_solid_state_disk():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run the suite with DATABASE_URL=postgres://…")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
