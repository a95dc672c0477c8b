"""Annex imports on django-import-export. The reader has already parsed and checked every cell,
so the resources only match rows to records by natural key, find what changed, and save —
all or nothing, in bulk, with a history record for every created or changed row."""

import copy
from dataclasses import dataclass
from decimal import Decimal

import tablib
from django.db import transaction
from django.db.models import F
from import_export import fields, resources, widgets
from import_export.results import RowResult
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from baidays.excel.errors import AnnexRefusal, RowErrors, RowProblem, WorkbookError
from baidays.excel.layouts import AMOUNT, LAYOUTS, TEXT
from baidays.excel.mappings import remember, saved_mappings, with_overrides
from baidays.excel.reader import read_annex
from core import plan_data
from core.services import get_or_create_department, get_or_create_person

ROW_NUMBER = "excel_row"
SEQ_PARKING_OFFSET = 1_000_000  # rows whose 序号 moves are parked out of the way first
BULK_BATCH = 500
# the database's own text never reaches the clerk: it is English and names tables
CANNOT_SAVE = (
    "无法保存：数据与已有记录冲突或不符合填写规则（如完成时间早于开工时间），请核对后重新导入"
)


class LookupWidget(widgets.Widget):
    """A related record named in a cell (责任单位, 责任领导, 企业): found or created through the
    resource's cached resolver, so a 10,000-row file does not cost 10,000 queries."""

    def __init__(self, resolve, **kwargs):
        self.resolve = resolve
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        return self.resolve(value) if value else None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, "name", str(value))


class PassThroughWidget(widgets.Widget):
    """Values arrive parsed (Decimal, date, str); keep them exactly."""

    def clean(self, value, row=None, **kwargs):
        return value

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def field(attribute, column=None, widget=None):
    return fields.Field(
        attribute=attribute, column_name=column or attribute, widget=widget or PassThroughWidget()
    )


class AnnexMeta:
    """The import-export options every annex resource shares: bulk writes, unchanged rows
    skipped and reported, validation done by the resource itself."""

    fields = ()
    import_id_fields = ()
    use_bulk = True
    skip_unchanged = True
    report_skipped = True
    clean_model_instances = False


class AnnexResource(resources.ModelResource):
    """Base of the four annex resources. Subclasses set `annex`, the model, the natural key
    (`natural_key(values)` for a row and `instance_key(instance)` for a record) and
    `existing_queryset()`."""

    annex = None

    class Meta:
        abstract = True

    # model attribute -> column key of the layout, for plain values; `lookups` adds the
    # related records named in cells: attribute -> (column key, resolver method name)
    plain_fields = ()
    lookups = {}

    def __init__(self, *, campaign=None, user=None, preview=False, **kwargs):
        super().__init__(**kwargs)
        self.campaign = campaign
        self.user = user
        self.layout = LAYOUTS[self.annex]
        self._headers = {column.key: column.header for column in self.layout.columns}
        self._existing = None
        self._departments = {}
        self._people = {}
        self._meta = copy.copy(type(self)._meta)
        # the admin preview shows each row's diff; the command needs only the counts, and
        # import-export's diff deep-copies every instance
        self._meta.skip_diff = self._meta.skip_html_diff = not preview
        self._snapshot = None
        self._attnames = None
        self._seq_check = None
        self._related_before = None
        self.changes = []
        for key in self.plain_fields:
            self.fields[key] = field(key, self.header(key))
        for attribute, (key, resolver) in self.lookups.items():
            widget = LookupWidget(getattr(self, resolver))
            self.fields[attribute] = field(attribute, self.header(key), widget)

    @classmethod
    def get_display_name(cls):
        return f"{LAYOUTS[cls.annex].label} {LAYOUTS[cls.annex].title}"

    def header(self, key):
        return self._headers[key]

    def cell(self, row, key):
        return row.get(self.header(key))

    # --- natural keys and caches -------------------------------------------------------
    def existing(self):
        if self._existing is None:
            self._existing = {self.instance_key(obj): obj for obj in self.existing_queryset()}
        return self._existing

    def get_instance(self, instance_loader, row):
        return self.existing().get(self.natural_key(row))

    def department(self, name):
        if name not in self._departments:
            self._departments[name] = get_or_create_department(name=name)
        return self._departments[name]

    def person(self, name):
        if name not in self._people:
            office = self.department(plan_data.LEADING_OFFICE)
            self._people[name] = get_or_create_person(name=name, department=office)
        return self._people[name]

    # --- the admin's upload → preview → confirm -----------------------------------------
    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """The admin hands over the uploaded workbook itself (see UploadedWorkbookFormat):
        read it with the annex reader, then import the parsed rows all or nothing. Refusals
        come back as the result's errors, one line each."""
        workbook = getattr(dataset, "annex_workbook", None)
        if workbook is None:
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )
        self.user = kwargs.pop("user", None) or self.user
        for option in ("use_transactions", "rollback_on_validation_errors", "collect_failed_rows"):
            kwargs.pop(option, None)
        try:
            mappings = saved_mappings(self.annex)
            table = read_annex(workbook, self.layout, mappings=mappings, campaign=self.campaign)
            result = run_import(resource=self, table=table, dry_run=dry_run, **kwargs).result
            result.annex_notes = table.notes
            result.annex_unknown = table.unknown
            result.annex_fields = [(c.key, c.header) for c in self.layout.columns]
            result.annex_number = self.annex
            return result
        except (WorkbookError, RowErrors) as error:
            result = self.get_result_class()()
            lines = error.problems if isinstance(error, RowErrors) else [error]
            for line in lines:
                result.append_base_error(self.get_error_result_class()(AnnexRefusal(str(line))))
            return result

    # --- the dataset -----------------------------------------------------------------
    def dataset_from(self, table):
        """The parsed rows as a tablib Dataset keyed by column key, plus the Excel row."""
        present = [c for c in self.layout.columns if c.key in table.headers]
        department = self.layout.column("responsible_department")
        if department not in present and self.layout.default_department:
            present.append(department)
        dataset = tablib.Dataset(headers=[*(c.header for c in present), ROW_NUMBER])
        dataset.title = self.layout.label
        for row in table.rows:
            values = []
            for column in present:
                value = row.values.get(column.key)
                if column is department and not value:
                    value = self.layout.default_department
                if value is None and column.kind == AMOUNT:
                    value = Decimal("0.00")
                elif value is None and column.kind == TEXT:
                    value = ""
                values.append(value)
            dataset.append([*values, row.number])
        return dataset

    # --- checks that need the database ---------------------------------------------
    def seq_conflicts(self, dataset):
        """A 序号 held by a record the file does not mention would collide; numbers that only
        move between rows of this file are parked and rewritten."""
        if self._seq_check is None:
            self._seq_check = self._check_seqs(dataset)
        return self._seq_check

    def _check_seqs(self, dataset):
        existing = self.existing()
        by_seq = {obj.seq: obj for obj in existing.values()}
        rows = dataset.dict
        keys = [self.natural_key(row) for row in rows]
        in_file = set(keys)
        problems, moving = [], []
        for row, key in zip(rows, keys, strict=True):
            own = existing.get(key)
            seq = self.cell(row, "seq")
            holder = by_seq.get(seq)
            if own is not None and own.seq != seq:
                moving.append(own.pk)
            if (
                holder is not None
                and holder is not own
                and self.instance_key(holder) not in in_file
            ):
                problems.append(
                    RowProblem(
                        row[ROW_NUMBER], self.header("seq"), f"序号 {seq} 已被“{holder}”使用"
                    )
                )
        return problems, moving

    def before_import(self, dataset, **kwargs):
        _, moving = self.seq_conflicts(dataset)
        if moving:
            self._meta.model.objects.filter(pk__in=moving).update(seq=F("seq") + SEQ_PARKING_OFFSET)

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        self._snapshot = None if new else self._values(instance)
        # related records by name, as the clerk wrote them, to say what an update changes
        self._related_before = (
            None if new else {a: _shown(getattr(instance, a)) for a in self.lookups}
        )
        return instance, new

    def _values(self, instance):
        if self._attnames is None:
            meta = self._meta.model._meta
            self._attnames = [meta.get_field(f.attribute).attname for f in self.get_import_fields()]
        return [getattr(instance, attname) for attname in self._attnames]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged rows are skipped: compared on stored values (foreign keys by id), so it
        works without import-export's per-row deep copy. Every other row is noted in
        `changes` with what it changes."""
        if import_validation_errors:
            return False
        label = "、".join(str(part) for part in self.natural_key(row))
        if self._snapshot is None:
            self.changes.append(RowChange(row[ROW_NUMBER], "新增", label, ()))
            return False
        values = self._values(instance)
        if values == self._snapshot:
            return True
        differences = []
        for field, before, after in zip(
            self.get_import_fields(), self._snapshot, values, strict=True
        ):
            if before != after:
                if field.attribute in self.lookups:
                    before = self._related_before[field.attribute]
                    after = _shown(getattr(instance, field.attribute))
                differences.append((field.column_name, _shown(before), _shown(after)))
        self.changes.append(RowChange(row[ROW_NUMBER], "更新", label, tuple(differences)))
        return False

    def init_instance(self, row=None):
        return self._meta.model(campaign_id=self.campaign.pk, **self.fixed_values())

    def fixed_values(self):
        return {}

    # --- saving with history -------------------------------------------------------
    def change_reason(self):
        return f"导入{self.layout.label}"

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances:
            try:
                bulk_create_with_history(
                    self.create_instances,
                    self._meta.model,
                    batch_size=BULK_BATCH,
                    default_user=self.user,
                    default_change_reason=self.change_reason(),
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances:
            try:
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.get_bulk_update_fields(),
                    batch_size=BULK_BATCH,
                    default_user=self.user,
                    default_change_reason=self.change_reason(),
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def get_bulk_update_fields(self):
        return [f.attribute for f in self.get_import_fields() if f.attribute]


def _shown(value):
    if value is None:
        return "（空）"
    if hasattr(value, "name") and not isinstance(value, str):
        return value.name
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if str(value) != "" else "（空）"


@dataclass(frozen=True)
class RowChange:
    row: int
    kind: str
    label: str
    differences: tuple  # (column, before, after)

    def __str__(self):
        text = f"第 {self.row} 行 {self.kind}：{self.label}"
        if self.differences:
            text += "（" + "；".join(f"{c}：{b} → {a}" for c, b, a in self.differences) + "）"
        return text


@dataclass
class ImportSummary:
    annex: int
    created: int
    updated: int
    unchanged: int
    dry_run: bool
    sheet_name: str
    result: object = None
    changes: tuple = ()
    notes: tuple = ()  # units, columns not imported, totals checked (see AnnexTable.notes)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    def __str__(self):
        prefix = "试导入（未保存）" if self.dry_run else "导入完成"
        return (
            f"附件{self.annex}{prefix}：工作表“{self.sheet_name}”共 {self.total} 行，"
            f"新增 {self.created} 条，更新 {self.updated} 条，未变 {self.unchanged} 条"
        )


def resource_class(annex):
    from baidays.excel.enterprise_resources import CompetitionEntryResource, KeyEnterpriseResource
    from baidays.excel.project_resources import InfrastructureProjectResource, KeyProjectResource

    return {
        1: InfrastructureProjectResource,
        2: CompetitionEntryResource,
        3: KeyProjectResource,
        4: KeyEnterpriseResource,
    }[annex]


def result_problems(result, dataset):
    """Row errors from import-export (should the reader have let one through) in the clerk's
    terms: Excel row, column and reason."""
    numbers = dataset[ROW_NUMBER] if len(dataset) else []
    problems = []
    for invalid in result.invalid_rows:
        number = numbers[invalid.number - 1]
        for column, messages in invalid.error_dict.items():
            for message in messages:
                problems.append(RowProblem(number, str(column), str(message)))
    for index, errors in result.row_errors():
        problems.extend(RowProblem(numbers[index - 1], "", CANNOT_SAVE) for _ in errors)
    problems.extend(RowProblem(0, "", CANNOT_SAVE) for _ in result.base_errors)
    return problems


def run_import(*, resource, table, dry_run=False, **import_kwargs):
    """Import a parsed annex table through `resource`. Raises RowErrors (nothing saved) on
    any bad row."""
    dataset = resource.dataset_from(table)
    with transaction.atomic():
        conflicts, _ = resource.seq_conflicts(dataset)
        if conflicts:
            raise RowErrors(conflicts)
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            **import_kwargs,
        )
        problems = result_problems(result, dataset)
        if problems:
            transaction.set_rollback(True)
            raise RowErrors(problems)
        if dry_run:
            transaction.set_rollback(True)
    totals = result.totals
    return ImportSummary(
        annex=resource.annex,
        created=totals[RowResult.IMPORT_TYPE_NEW],
        updated=totals[RowResult.IMPORT_TYPE_UPDATE],
        unchanged=totals[RowResult.IMPORT_TYPE_SKIP],
        dry_run=dry_run,
        sheet_name=table.sheet_name,
        result=result,
        changes=tuple(resource.changes),
        notes=tuple(table.notes),
    )


def import_annex(*, annex, source, campaign, dry_run=False, user=None, filename=None, mapped=()):
    """Read and import one annex workbook; WorkbookError or RowErrors when it is refused.
    `mapped` are the admin's (header, column key) pairs for columns the reader could not
    place; they are remembered for the annex once an import with them succeeds."""
    mappings = with_overrides(annex, mapped)
    table = read_annex(
        source, LAYOUTS[annex], filename=filename, mappings=mappings, campaign=campaign
    )
    resource = resource_class(annex)(campaign=campaign, user=user)
    summary = run_import(resource=resource, table=table, dry_run=dry_run)
    if mapped and not dry_run:
        remember(annex, mapped)
    return summary
