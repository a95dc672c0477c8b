"""The database triggers that keep the audit log append-only, on SQLite and PostgreSQL.

UPDATE is always refused. DELETE is refused unless a PurgePermit row exists and the row is
older than its `before` (the retention purge, audit/services.py). Installed by the migration
and again after every `migrate` (post_migrate, audit/apps.py), because SQLite drops a table's
triggers when a migration rebuilds it. A TRUNCATE (PostgreSQL) fires no row trigger; the
deployment gives the portal's database role no TRUNCATE right on this table (README, 等保)."""

from django.db import connections

from audit.models import AuditRecord, PurgePermit

TABLE = AuditRecord._meta.db_table
PERMIT_TABLE = PurgePermit._meta.db_table
MESSAGE = "安全审计日志只能追加，不能修改或删除"

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM {PERMIT_TABLE} WHERE OLD.at < {PERMIT_TABLE}.before
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{MESSAGE}（%）', TG_OP;
END
$$ LANGUAGE plpgsql
"""


def _statements(vendor):
    if vendor == "postgresql":
        return [
            PG_FUNCTION,
            f'DROP TRIGGER IF EXISTS audit_append_only ON "{TABLE}"',
            f'CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON "{TABLE}" '
            "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()",
        ]
    return [
        "DROP TRIGGER IF EXISTS audit_no_update",
        f'CREATE TRIGGER audit_no_update BEFORE UPDATE ON "{TABLE}" '
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        "DROP TRIGGER IF EXISTS audit_no_delete",
        f'CREATE TRIGGER audit_no_delete BEFORE DELETE ON "{TABLE}" '
        f"WHEN NOT EXISTS (SELECT 1 FROM {PERMIT_TABLE} WHERE OLD.at < {PERMIT_TABLE}.before) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    ]


def _drop_statements(vendor):
    if vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS audit_append_only ON "{TABLE}"']
    return ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]


def install_triggers(using="default"):
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor):
            cursor.execute(statement)
        # a permit outlives its transaction only if something other than the purge wrote it
        cursor.execute(f"DELETE FROM {PERMIT_TABLE}")


def drop_triggers(using="default"):
    """Only for a test database about to be flushed (tests/conftest.py): `migrate`'s
    post_migrate, which the flush sends, installs them again."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in _drop_statements(connection.vendor):
            cursor.execute(statement)


def install_after_migrate(sender, using="default", **kwargs):
    install_triggers(using)
