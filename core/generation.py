"""The data generation: a counter raised by database triggers on every write to the tables the
campaign summary reads, so the summary can be cached and never served stale.

Triggers rather than Django signals, because signals miss bulk_create, QuerySet.update and raw
SQL. They are (re)installed after every `migrate` (post_migrate), because SQLite rebuilds a
table — and drops its triggers — when a migration alters it.
- SQLite: a row trigger raises the counter inside the writing transaction (one writer at a time).
- PostgreSQL: a deferred constraint trigger raises it at commit, once per transaction, so the
  counter's row lock is taken last and held only while committing: writers never deadlock on it
  and the new counter becomes visible together with the data."""

from django.db import connections

from core.models import DataGeneration
from core.registry import SUMMARY_SOURCES

COUNTER_TABLE = DataGeneration._meta.db_table
GENERATION_ROW = 1

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION baidays_raise_generation() RETURNS trigger AS $$
BEGIN
    IF current_setting('baidays.generation_raised', true) IS DISTINCT FROM 'yes' THEN
        UPDATE {COUNTER_TABLE} SET counter = counter + 1 WHERE id = {GENERATION_ROW};
        PERFORM set_config('baidays.generation_raised', 'yes', true);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def summary_tables():
    """The tables of every model an app registered as feeding the campaign summary and the
    overview (core.registry.SUMMARY_SOURCES; tests/baidays/dashboards/test_summary_cache.py
    checks the summary's SQL reads nothing else)."""
    return [model._meta.db_table for model in SUMMARY_SOURCES]


def _trigger_statements(vendor, table):
    if vendor == "postgresql":
        name = f"baidays_generation_{table}"
        return [
            f'DROP TRIGGER IF EXISTS {name} ON "{table}"',
            f'CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "EXECUTE FUNCTION baidays_raise_generation()",
        ]
    statements = []
    for operation in ("INSERT", "UPDATE", "DELETE"):
        name = f"baidays_generation_{table}_{operation.lower()}"
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f'CREATE TRIGGER {name} AFTER {operation} ON "{table}" BEGIN '
            f"UPDATE {COUNTER_TABLE} SET counter = counter + 1 WHERE id = {GENERATION_ROW}; END",
        ]
    return statements


def install_triggers(using="default"):
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
        for table in summary_tables():
            for statement in _trigger_statements(connection.vendor, table):
                cursor.execute(statement)
    DataGeneration.objects.using(using).get_or_create(pk=GENERATION_ROW)


def install_after_migrate(sender, using="default", **kwargs):
    install_triggers(using)


def current_generation(using="default"):
    """The counter, or None when its row is missing (after a flush): then nothing is cached.
    Every overview request asks, so one plain statement rather than a compiled queryset."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT counter FROM {COUNTER_TABLE} WHERE id = %s", [GENERATION_ROW])
        row = cursor.fetchone()
    return row[0] if row else None
