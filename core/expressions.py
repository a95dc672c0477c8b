"""SQL expressions the ORM lacks, written for SQLite and PostgreSQL alike."""

import threading
from collections import OrderedDict

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


class CompiledOnce(Expression):
    """An expression whose SQL depends only on `key`: built by `build(*args)`, resolved and
    compiled the first time it is compiled in a given place, and from then on served as that
    SQL and its parameters (SQL_BY_PLACE).

    The lag by own plan is a tree of several thousand nodes (a colour per week over two
    derived tables); Django copies and resolves such a tree for every queryset that annotates
    it and compiles it again for every statement, which cost a leader's page ~50× its own SQL
    (issue 21, docs/benchmarks.md). Its SQL depends only on the inputs the builder reads — the
    campaign's dates, the week, the rules, the day — which the caller puts in `key`, and on
    where it is compiled: the database, and the outer query's table alias and subquery alias
    prefix, which name the columns the tree correlates on. So it is built only where it is
    compiled, against the query compiling it; it must read no joined column (it is resolved
    with joins not allowed, which raises at once if it did)."""

    # what Django asks of the tree before compiling it, answered for the tree unseen: it reads
    # subqueries (an aggregate over it is taken over a subquery) and holds no aggregate
    contains_subquery = True
    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, key, build, args, output_field):
        super().__init__(output_field=output_field)
        self.key, self.build, self.args = key, build, args

    def __repr__(self):
        return f"CompiledOnce({self.key!r})"

    @property
    def identity(self):  # Expression's equality and hash ask it
        return (type(self), self.key)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False,
                           for_save=False):  # fmt: skip
        # nothing to resolve yet: the tree is resolved against the query that compiles it
        clone = self.copy()
        clone.is_summary = summarize
        return clone

    def as_sql(self, compiler, connection):
        query = compiler.query
        place = (self.key, connection.alias, connection.vendor, query.alias_prefix,
                 query.base_table)  # fmt: skip
        compiled = SQL_BY_PLACE.get(place)
        if compiled is None:
            tree = self.build(*self.args).resolve_expression(query, allow_joins=False)
            sql, params = compiler.compile(tree)
            compiled = SQL_BY_PLACE.put(place, (sql, tuple(params)))
        sql, params = compiled
        return sql, list(params)

    def get_group_by_cols(self):
        return [self]


class _BoundedCache:
    """The SQL of CompiledOnce expressions by where they were compiled, the least recently
    used dropped past `size` (a key names one day, so a process reading many `as_of` days
    would otherwise keep all of them)."""

    def __init__(self, size):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, place):
        with self._lock:
            found = self._entries.get(place)
            if found is not None:
                self._entries.move_to_end(place)
            return found

    def put(self, place, compiled):
        with self._lock:
            self._entries[place] = compiled
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return compiled

    def clear(self):
        with self._lock:
            self._entries.clear()


SQL_BY_PLACE = _BoundedCache(size=512)
