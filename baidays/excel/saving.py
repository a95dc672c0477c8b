"""Writing an annex import: the new and the changed records and a history record for each, in
one statement per table run over all rows (executemany). Django's bulk_create compiles every
value through its SQL compiler — some twenty Python calls a cell — and simple_history's bulk
helper builds a model instance per history row; for a 10,000-row annex that was most of the
import. Each value is still adapted by its own field's get_db_prep_save, except where that
would hand back the same value (a str for a text field, an int for an integer or foreign key
field, a bool for a boolean field, a Decimal for a decimal field, None); a date is adapted once
per distinct date."""

from decimal import Decimal

from django.conf import settings
from django.db import connections, router

# the Python type each kind of field stores as is; any other value goes through the field
_STORED_AS_IS = {
    "CharField": str,
    "TextField": str,
    "SlugField": str,
    "EmailField": str,
    "URLField": str,
    "BooleanField": bool,
    "DecimalField": Decimal,  # to_python copies it, adapt_decimalfield_value returns it
    "ForeignKey": int,
    "AutoField": int,
    "BigAutoField": int,
    "SmallAutoField": int,
    "IntegerField": int,
    "BigIntegerField": int,
    "SmallIntegerField": int,
    "PositiveIntegerField": int,
    "PositiveBigIntegerField": int,
    "PositiveSmallIntegerField": int,
}


class _Columns:
    """The fields of `model` named by `attnames`, with how each value is adapted."""

    def __init__(self, model, attnames, connection):
        self.connection = connection
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        self.fields = [by_attname[name] for name in attnames]
        self.adapters = [
            (
                f.attname,
                _STORED_AS_IS.get(f.get_internal_type()),
                f.get_db_prep_save,
                {} if f.get_internal_type() == "DateField" else None,
            )
            for f in self.fields
        ]

    def quoted(self):
        quote = self.connection.ops.quote_name
        return [quote(f.column) for f in self.fields]

    def params(self, record):
        connection, values = self.connection, []
        for attname, stored_as_is, prepare, seen in self.adapters:
            value = record[attname]
            if value is None or type(value) is stored_as_is:
                pass
            elif seen is None:
                value = prepare(value, connection)
            elif value in seen:
                value = seen[value]
            else:
                value = seen[value] = prepare(value, connection)
            values.append(value)
        return values


def insert_rows(model, records, attnames, *, constants=None):
    """INSERT one row per record (attname → value) into `model`'s table; `constants` are the
    same for every row (a history record's date, type, reason and user)."""
    if not records:
        return
    connection = connections[router.db_for_write(model)]
    columns = _Columns(model, attnames, connection)
    constants = constants or {}
    fixed = _Columns(model, list(constants), connection)
    fixed_params = fixed.params(constants)
    names = columns.quoted() + fixed.quoted()
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(names)}) "
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [columns.params(record) + fixed_params for record in records])


def update_rows(model, records, attnames):
    """UPDATE the `attnames` of each record's row, found by its primary key."""
    if not records:
        return
    connection = connections[router.db_for_write(model)]
    pk = model._meta.pk
    columns = _Columns(model, [*attnames, pk.attname], connection)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{name} = %s" for name in columns.quoted()[:-1])
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [columns.params(record) for record in records])


def insert_history(model, records, *, history_type, user, reason, when):
    """The simple_history record of each record ("+" created, "~" changed), as
    simple_history's own bulk_history_create would write it."""
    if not records or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = model.history.model
    tracked = [f.attname for f in historical.tracked_fields]
    constants = {
        "history_date": when,
        "history_type": history_type,
        "history_change_reason": reason,
        historical._meta.get_field("history_user").attname: getattr(user, "pk", None),
    }
    insert_rows(historical, records, tracked, constants=constants)
