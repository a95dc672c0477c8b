"""SQL expressions the ORM lacks, written for SQLite and PostgreSQL alike."""

from django.db.models import Expression, Field, Func, IntegerField, Subquery

LET_BASE = "let_base"


class DayNumber(Func):
    """A date column as whole days since 1970-01-01, on SQLite and PostgreSQL alike."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s - DATE '1970-01-01')", **extra_context
        )


class LetRef(Expression):
    """A column of one of the enclosing Let's tables, by the table's and the column's names."""

    def __init__(self, table, name, output_field):
        super().__init__(output_field=output_field)
        self.table, self.name = table, name

    def __repr__(self):
        return f"LetRef({self.table!r}, {self.name!r})"

    def resolve_expression(self, *args, **kwargs):
        return self  # a column of the Let's own derived tables, not of any model

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        return f"{quote(self.table)}.{quote(self.name)}", []

    def get_group_by_cols(self):
        return []


class Let(Expression):
    """`body` over rows read once per outer row: (SELECT body FROM (SELECT 1) AS let_base
    LEFT JOIN (subquery 1) AS name1 ON 1 = 1 LEFT JOIN …), each subquery (a correlated
    queryset giving at most one row, e.g. grouped on the outer row's key) read through
    LetRef(name, column), NULL when it gives no row.

    The ORM writes an annotation out again wherever another one reads it, so a rule that reads
    subqueries several times — a lag colour compares completed and planned amounts against
    two bounds, over several weeks — would run each as many times per row; read here, several
    sums come out of one pass over the rows they need, and the SQL stays short."""

    def __init__(self, body, output_field=None, **tables):
        super().__init__(output_field=output_field)
        self.names = list(tables)
        # a derived table has columns, not one type: the field only spares Subquery a guess
        self.tables = [Subquery(queryset, output_field=Field()) for queryset in tables.values()]
        self.body = body

    def __repr__(self):
        return f"Let({self.body!r}, {dict(zip(self.names, self.tables, strict=True))!r})"

    def _resolve_output_field(self):
        return self.body.output_field

    def get_source_expressions(self):
        return [*self.tables, self.body]

    def set_source_expressions(self, exprs):
        *self.tables, self.body = exprs

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        sources, params = [f"(SELECT 1) AS {quote(LET_BASE)}"], []
        for name, table in zip(self.names, self.tables, strict=True):
            sql, table_params = compiler.compile(table)
            sources.append(f"LEFT JOIN {sql} AS {quote(name)} ON 1 = 1")
            params.extend(table_params)
        body_sql, body_params = compiler.compile(self.body)
        return f"(SELECT {body_sql} FROM {' '.join(sources)})", [*body_params, *params]
