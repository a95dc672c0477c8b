"""What an annex import does, computed straight from the rows the reader parsed against one
query of the records already there: which rows are new, which change (and what changes), which
are unchanged — then written in bulk with their history. Related records named in cells
(责任单位, 责任领导, 企业) are found or created once per name. Subclasses (project_resources,
enterprise_resources) say which model, fields and natural key an annex has."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from baidays.excel.errors import RowProblem
from baidays.excel.layouts import AMOUNT, LAYOUTS, TEXT
from baidays.excel.parsers import parse_name
from baidays.excel.saving import insert_history, insert_rows, update_rows
from core import plan_data
from core.dates import plan_date_text
from core.services import get_or_create_department, get_or_create_person

NEW, UPDATE, SKIP = "new", "update", "skip"  # import-export's names for the three outcomes
KIND_WORDS = {NEW: "新增", UPDATE: "更新"}
SEQ_PARKING_OFFSET = 1_000_000  # rows whose 序号 moves are parked out of the way first


def shown(value):
    """A value as the clerk reads it in a change line."""
    if value is None:
        return "（空）"
    if hasattr(value, "name") and not isinstance(value, str):
        return value.name
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if str(value) != "" else "（空）"


@dataclass
class PlannedRow:
    number: int  # the Excel row
    kind: str  # NEW, UPDATE or SKIP
    label: str  # the row's natural key as written
    record: dict  # attname -> value of every stored field, as it will be stored
    differences: tuple = ()  # (header, before, after) of an update

    def __str__(self):
        text = f"第 {self.number} 行 {KIND_WORDS[self.kind]}：{self.label}"
        if self.differences:
            text += "（" + "；".join(f"{c}：{b} → {a}" for c, b, a in self.differences) + "）"
        return text


@dataclass
class ImportPlan:
    rows: list  # PlannedRow in file order
    problems: list  # RowProblem: 序号 held by a record the file does not mention
    moving: list  # primary keys of records whose 序号 moves
    written: tuple  # attnames an update writes

    def of_kind(self, kind):
        return [row for row in self.rows if row.kind == kind]


class AnnexImporter:
    """Subclasses set `annex`, `model`, `plain_fields` (model attribute = layout column key),
    `lookups` (attribute -> (column key, resolver method)) and `key_fields` (the attnames of the
    natural key within `scope()`)."""

    annex = None
    model = None
    plain_fields = ()
    lookups = {}
    key_fields = ()

    def __init__(self, *, campaign, user=None):
        self.campaign, self.user = campaign, user
        self.layout = LAYOUTS[self.annex]
        self.headers = {column.key: column.header for column in self.layout.columns}
        self._departments, self._people = {}, {}
        self.related = {}  # (attribute, pk) -> the related record, to show and to log

    def scope(self):
        """The records of this annex in this campaign, as attname -> value."""
        return {"campaign_id": self.campaign.pk}

    def change_reason(self):
        return f"导入{self.layout.label}"

    def department(self, name):
        if name not in self._departments:
            self._departments[name] = get_or_create_department(name=name)
        return self._departments[name]

    def person(self, name):
        if name not in self._people:
            office = self.department(plan_data.LEADING_OFFICE)
            self._people[name] = get_or_create_person(name=name, department=office)
        return self._people[name]

    def prepare_row(self, row):
        """Called before a row's related records are looked up (附件2/4 update the
        enterprise's own details here)."""

    # --- planning ------------------------------------------------------------------------
    def columns_in(self, table):
        """(attribute, column key) of the plain fields and lookups this file carries."""
        present = set(table.headers)
        if self.layout.default_department:
            present.add("responsible_department")
        plain = [name for name in self.plain_fields if self.column_of(name) in present]
        lookups = [
            (attribute, key, getattr(self, resolver))
            for attribute, (key, resolver) in self.lookups.items()
            if key in present
        ]
        return plain, lookups

    def column_of(self, name):
        """The layout column a plain field is read from (a month flag from its date's)."""
        return name.removesuffix("_is_month")

    def existing(self):
        """Natural key -> the stored record (attname -> value, plus each lookup's name), from
        one query."""
        attnames = [f.attname for f in self.model._meta.concrete_fields]
        names = [f"{attribute}__name" for attribute in self.lookups]
        records = self.model.objects.filter(**self.scope()).order_by()
        return {
            tuple(name_form(record[k]) for k in self.key_fields): record
            for record in records.values(*attnames, *names)
        }

    def plan(self, table):
        plain, lookups = self.columns_in(table)
        meta = self.model._meta
        lookups = [(a, meta.get_field(a).attname, key, resolve) for a, key, resolve in lookups]
        blanks = {c.key: _blank(c.kind) for c in self.layout.columns}
        fixed, dynamic = _defaults(self.model)
        existing, scope = self.existing(), self.scope()
        rows, keys = [], []
        for row in table.rows:
            self.prepare_row(row)
            cells = row.values
            values = dict(scope)
            for name in plain:
                value = cells.get(name)
                values[name] = blanks.get(name) if value is None else value
            for attribute, attname, key, resolve in lookups:
                name = cells.get(key)
                if not name and key == "responsible_department":
                    name = self.layout.default_department
                related = resolve(name) if name else None
                values[attname] = None if related is None else related.pk
                self.related[(attribute, values[attname])] = related
            key = tuple(values[k] for k in self.key_fields)
            label = "、".join(str(cells.get(k)) for k in self.layout.name_keys)
            before = existing.get(key)
            if before is None:
                record = {**fixed, **values}
                for name, default in dynamic.items():
                    record.setdefault(name, default())
                rows.append(PlannedRow(row.number, NEW, label, record))
            else:
                rows.append(self.compare(row.number, label, values, before))
            keys.append(key)
        problems, moving = self.seq_moves(rows, keys, existing)
        written = [*plain, *(attname for _, attname, _, _ in lookups)]
        if any(f.attname == "version" for f in meta.concrete_fields):
            written.append("version")
        return ImportPlan(rows, problems, moving, tuple(written))

    def compare(self, number, label, values, before):
        changed = [name for name, value in values.items() if before[name] != value]
        record = {f.attname: before[f.attname] for f in self.model._meta.concrete_fields}
        if not changed:
            return PlannedRow(number, SKIP, label, record)
        record.update(values)
        if "version" in record:
            record["version"] += 1  # an edit form opened before the import must not win
        return PlannedRow(number, UPDATE, label, record, self.differences(changed, before, values))

    def differences(self, changed, before, values):
        lines = {}
        by_attname = {f.attname: f for f in self.model._meta.concrete_fields}
        for name in changed:
            field, column = by_attname[name], self.column_of(name)
            if field.is_relation and field.name in self.lookups:
                column = self.lookups[field.name][0]
                was = before[f"{field.name}__name"]
                now = self.related.get((field.name, values[name]))
                lines[column] = (self.headers[column], shown(was), shown(now))
            elif f"{column}_is_month" in values:
                # a planned date and its "only the month" flag are one line: 2026年5月 → 2026-05-08
                flag = f"{column}_is_month"
                was = plan_date_text(before[column], as_month=before[flag]) or "（空）"
                now = plan_date_text(values[column], as_month=values[flag]) or "（空）"
                lines[column] = (self.headers[column], was, now)
            elif field.choices:
                labels = dict(field.flatchoices)
                was, now = labels.get(before[name], before[name]), labels.get(values[name])
                lines[column] = (self.headers[column], shown(was), shown(now))
            else:
                lines[column] = (self.headers[column], shown(before[name]), shown(values[name]))
        return tuple(lines.values())

    def seq_moves(self, rows, keys, existing):
        """A 序号 held by a record the file does not mention would collide; numbers that only
        move between rows of this file are parked and rewritten."""
        by_seq = {record["seq"]: record for record in existing.values()}
        in_file = set(keys)
        problems, moving = [], []
        for planned, key in zip(rows, keys, strict=True):
            own, seq = existing.get(key), planned.record["seq"]
            if own is not None and own["seq"] != seq:
                moving.append(own["id"])
            holder = by_seq.get(seq)
            if (
                holder is not None
                and holder is not own
                and tuple(holder[k] for k in self.key_fields) not in in_file
            ):
                held = self.model.objects.get(pk=holder["id"])
                reason = f"序号 {seq} 已被“{held}”使用"
                problems.append(RowProblem(planned.number, self.headers["seq"], reason))
        return problems, moving

    # --- writing -------------------------------------------------------------------------
    def write(self, plan):
        """Created and changed records and their history, in a few statements (inside the
        caller's transaction)."""
        model = self.model
        if plan.moving:
            model.objects.filter(pk__in=plan.moving).update(seq=F("seq") + SEQ_PARKING_OFFSET)
        created = [row.record for row in plan.of_kind(NEW)]
        changed = [row.record for row in plan.of_kind(UPDATE)]
        if created:
            insert_rows(model, created, [name for name in created[0] if name != "id"])
            stored = model.objects.filter(**self.scope()).order_by()
            keyed = stored.values_list(*self.key_fields, "pk")
            ids = {tuple(found[:-1]): found[-1] for found in keyed}
            for record in created:
                record["id"] = ids[tuple(record[k] for k in self.key_fields)]
        update_rows(model, changed, plan.written)
        when, reason = timezone.now(), self.change_reason()
        for records, history_type in ((created, "+"), (changed, "~")):
            insert_history(
                model, records, history_type=history_type, user=self.user, reason=reason, when=when
            )

    def instance(self, planned):
        """The model instance of a planned row, its related records attached (the admin's
        change log names it)."""
        instance = self.model(**planned.record)
        for attribute in self.lookups:
            attname = self.model._meta.get_field(attribute).attname
            related = self.related.get((attribute, planned.record.get(attname)))
            if related is not None:
                setattr(instance, attribute, related)
        return instance


def name_form(value):
    """A stored natural-key value as the import matches it: a name stored before with a line
    break inside is the same name written on one line (parsers.parse_name)."""
    return parse_name(value) if isinstance(value, str) else value


def _blank(kind):
    """What an empty cell stores: 0 for an amount, "" for text, None (no date, …) otherwise."""
    return {AMOUNT: Decimal("0.00"), TEXT: ""}.get(kind)


def _defaults(model):
    """The defaults of a new record's stored fields (but the pk): fixed values once, and the
    callables (a default of "now") to call per record."""
    fixed, dynamic = {}, {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.has_default() and callable(f.default):
            dynamic[f.attname] = f.get_default
        else:
            fixed[f.attname] = f.get_default()
    return fixed, dynamic
