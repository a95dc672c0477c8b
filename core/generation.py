"""The data generation: counters raised by database triggers on every write to the tables the
campaign summary reads, so the summary can be cached and never served stale — and a write in
one campaign leaves the other campaigns' cached pages cached.

Each summary table says how one of its rows finds its campaign (core.registry.SUMMARY_SOURCES);
its trigger follows that path from the written row and raises the campaign's own counter
(CampaignGeneration). A row of no one campaign (a user, a unit, an enterprise), or one whose
campaign can no longer be found (its parent deleted in the same transaction), raises the shared
counter (DataGeneration) instead, which every campaign's cache key includes.

Triggers rather than Django signals, because signals miss bulk_create, QuerySet.update and raw
SQL. They are (re)installed after every `migrate` (post_migrate), because SQLite rebuilds a
table — and drops its triggers — when a migration alters it.
- SQLite: row triggers raise the counters inside the writing transaction (one writer at a time).
- PostgreSQL: a deferred constraint trigger raises them at commit, once per counter and
  transaction, so the counters' row locks are taken last and held only while committing. Every
  committing writer first locks the shared row, so two transactions that touch the same two
  campaigns in opposite orders queue there instead of deadlocking on the campaigns' rows."""

from django.db import connections

from core.models import Campaign, CampaignGeneration, DataGeneration
from core.registry import SUMMARY_SOURCES

COUNTER_TABLE = DataGeneration._meta.db_table
CAMPAIGN_COUNTER_TABLE = CampaignGeneration._meta.db_table
GENERATION_ROW = 1

PG_RAISE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION baidays_raise_generation_of(campaign bigint) RETURNS void AS $$
BEGIN
    IF current_setting('baidays.generation_locked', true) IS DISTINCT FROM 'yes' THEN
        PERFORM 1 FROM {COUNTER_TABLE} WHERE id = {GENERATION_ROW} FOR UPDATE;
        PERFORM set_config('baidays.generation_locked', 'yes', true);
    END IF;
    IF campaign IS NULL THEN
        IF current_setting('baidays.generation_raised', true) IS DISTINCT FROM 'yes' THEN
            UPDATE {COUNTER_TABLE} SET counter = counter + 1 WHERE id = {GENERATION_ROW};
            PERFORM set_config('baidays.generation_raised', 'yes', true);
        END IF;
    ELSIF current_setting('baidays.generation_raised_' || campaign, true)
            IS DISTINCT FROM 'yes' THEN
        INSERT INTO {CAMPAIGN_COUNTER_TABLE} AS raised (campaign_pk, counter) VALUES (campaign, 1)
            ON CONFLICT (campaign_pk) DO UPDATE SET counter = raised.counter + 1;
        PERFORM set_config('baidays.generation_raised_' || campaign, 'yes', true);
    END IF;
END
$$ LANGUAGE plpgsql
"""


def summary_tables():
    """The tables of every model an app registered as feeding the campaign summary and the
    overview (core.registry.SUMMARY_SOURCES; tests/baidays/dashboards/test_summary_cache.py
    checks the summary's SQL reads nothing else)."""
    return [model._meta.db_table for model in SUMMARY_SOURCES]


def _path_sql(model, path, row):
    """SQL for the campaign's pk reached from the trigger's `row` (NEW or OLD) of `model` along
    a lookup path: the row's own column, then one primary-key lookup per further step."""
    if path == "pk":
        if model is not Campaign:
            raise ValueError(f"{model._meta.label}: only the campaign itself is its own campaign")
        return f'{row}."{model._meta.pk.column}"'
    steps = path.split("__")
    field = model._meta.get_field(steps[0])
    value = f'{row}."{field.column}"'
    for step in steps[1:]:
        parent = field.related_model
        next_field = parent._meta.get_field(step)
        value = (
            f'(SELECT "{next_field.column}" FROM "{parent._meta.db_table}" '
            f'WHERE "{field.target_field.column}" = {value})'
        )
        field = next_field
    if field.related_model is not Campaign:
        raise ValueError(f"{model._meta.label}: {path!r} does not end at the campaign")
    return value


def campaign_sql(model, row):
    """SQL for the campaign of the trigger's `row`, or None for a model of no one campaign."""
    paths = SUMMARY_SOURCES.campaign_paths(model)
    if not paths:
        return None
    parts = [_path_sql(model, path, row) for path in paths]
    return parts[0] if len(parts) == 1 else f"COALESCE({', '.join(parts)})"


def _sqlite_raise(model, row):
    campaign = campaign_sql(model, row)
    shared = f"UPDATE {COUNTER_TABLE} SET counter = counter + 1 WHERE id = {GENERATION_ROW}"
    if campaign is None:
        return f"{shared};"
    return (
        f"INSERT INTO {CAMPAIGN_COUNTER_TABLE} (campaign_pk, counter) "
        f"SELECT campaign, 1 FROM (SELECT {campaign} AS campaign) WHERE campaign IS NOT NULL "
        "ON CONFLICT (campaign_pk) DO UPDATE SET counter = counter + 1; "
        f"{shared} AND ({campaign}) IS NULL;"
    )


SQLITE_ROWS = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}


def _sqlite_statements(model):
    table = model._meta.db_table
    statements = []
    for operation, rows in SQLITE_ROWS.items():
        name = f"baidays_generation_{table}_{operation.lower()}"
        body = " ".join(_sqlite_raise(model, row) for row in rows)
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f'CREATE TRIGGER {name} AFTER {operation} ON "{table}" BEGIN {body} END',
        ]
    return statements


def _pg_statements(model):
    table = model._meta.db_table
    name = f"baidays_generation_{table}"
    new, old = (campaign_sql(model, row) or "NULL" for row in ("NEW", "OLD"))
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN PERFORM baidays_raise_generation_of({new}); END IF;
    IF TG_OP <> 'INSERT' THEN PERFORM baidays_raise_generation_of({old}); END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql""",
        f'DROP TRIGGER IF EXISTS {name} ON "{table}"',
        f'CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


def install_triggers(using="default"):
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_RAISE_FUNCTION)
        for model in SUMMARY_SOURCES:
            if connection.vendor == "postgresql":
                statements = _pg_statements(model)
            else:
                statements = _sqlite_statements(model)
            for statement in statements:
                cursor.execute(statement)
        if connection.vendor == "postgresql":
            # the one function every table's trigger called before generations were per campaign
            cursor.execute("DROP FUNCTION IF EXISTS baidays_raise_generation()")
    DataGeneration.objects.using(using).get_or_create(pk=GENERATION_ROW)


def remove_triggers(using="default"):
    """Drop every summary table's trigger: before migrating backwards, whose older tables the
    triggers' SQL (written for the current schema) may not find. `install_triggers` puts them
    back; a `migrate` does so itself (post_migrate)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for model in SUMMARY_SOURCES:
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                name = f"baidays_generation_{table}"
                cursor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            else:
                for operation in SQLITE_ROWS:
                    cursor.execute(
                        f"DROP TRIGGER IF EXISTS baidays_generation_{table}_{operation.lower()}"
                    )


def install_after_migrate(sender, using="default", **kwargs):
    install_triggers(using)


def current_generation(campaign_pk, using="default"):
    """(shared counter, the campaign's counter): it grows with every committed write that can
    change what the campaign's pages show. None when the shared row is missing (after a
    flush): then nothing is cached. Every overview request asks, so one plain statement rather
    than a compiled queryset."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT shared.counter, COALESCE((SELECT own.counter FROM {CAMPAIGN_COUNTER_TABLE} "
            "own WHERE own.campaign_pk = %s), 0) "
            f"FROM {COUNTER_TABLE} shared WHERE shared.id = %s",
            [campaign_pk, GENERATION_ROW],
        )
        row = cursor.fetchone()
    return tuple(row) if row else None
