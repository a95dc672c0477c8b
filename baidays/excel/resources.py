"""The admin's upload → preview → confirm on django-import-export. The admin hands the uploaded
workbook itself to the resource (see admin.UploadedWorkbookFormat); the resource reads it with
the annex reader and imports it with the annex's importer — the same path as the command — then
reports the outcome as import-export's Result: one row result per row (new, changed with what
changes, unchanged) and the refusals one Chinese line each."""

from django.utils.html import format_html
from import_export import fields, resources, widgets
from import_export.results import RowResult

from baidays.excel.errors import AnnexRefusal, RowErrors, WorkbookError
from baidays.excel.importing import run_import
from baidays.excel.layouts import LAYOUTS
from baidays.excel.mappings import saved_mappings
from baidays.excel.planning import UPDATE
from baidays.excel.reader import read_annex


class ShownWidget(widgets.Widget):
    """Values are parsed by the reader; a related record shows by its name."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, "name", str(value))


class AnnexResource(resources.ModelResource):
    """Base of the four annex resources. Subclasses set `importer_class`; the fields are the
    importer's, listed on the import page and in the preview."""

    importer_class = None
    hidden_fields = ()  # read, but not listed (附件3's 业主单位 is read once as text)

    class Meta:
        abstract = True

    def __init__(self, *, campaign=None, user=None, preview=False, sheet=None, **kwargs):
        super().__init__(**kwargs)
        self.campaign, self.user, self.preview = campaign, user, preview
        self.sheet = sheet or None  # the sheet the admin named on the import page
        importer = self.importer_class
        self.layout = LAYOUTS[importer.annex]
        headers = {column.key: column.header for column in self.layout.columns}
        shown_fields = [(name, name) for name in importer.plain_fields if name in headers]
        shown_fields += [(name, key) for name, (key, _) in importer.lookups.items()]
        for attribute, key in shown_fields:
            if attribute not in self.hidden_fields:
                self.fields[attribute] = fields.Field(
                    attribute=attribute, column_name=headers[key], widget=ShownWidget()
                )

    @classmethod
    def get_display_name(cls):
        layout = LAYOUTS[cls.importer_class.annex]
        return f"{layout.label} {layout.title}"

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        workbook = getattr(dataset, "annex_workbook", None)
        if workbook is None:
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )
        user = kwargs.get("user") or self.user
        importer = self.importer_class(campaign=self.campaign, user=user)
        try:
            table = read_annex(
                workbook,
                self.layout,
                mappings=saved_mappings(importer.annex),
                campaign=self.campaign,
                sheet=self.sheet,
            )
            summary = run_import(importer=importer, table=table, dry_run=dry_run)
        except (WorkbookError, RowErrors) as error:
            result = self.get_result_class()()
            lines = error.problems if isinstance(error, RowErrors) else [error]
            for line in lines:
                result.append_base_error(self.get_error_result_class()(AnnexRefusal(str(line))))
            return result
        result = self.result_of(importer, summary.plan, diff=dry_run)
        result.annex_notes = summary.notes
        result.annex_warnings = table.warnings
        result.annex_unknown = table.unknown
        result.annex_fields = [(c.key, c.header) for c in self.layout.columns]
        result.annex_number = importer.annex
        return result

    def result_of(self, importer, plan, *, diff):
        """import-export's Result of a plan: the rows with their outcome, each with the model
        instance the admin's change log names and, for the preview, its cells."""
        result = self.get_result_class()()
        shown_fields = self.get_user_visible_fields()
        result.diff_headers = [field.column_name for field in shown_fields]
        for planned in plan.rows:
            row = RowResult()
            row.import_type = planned.kind
            row.object_repr = planned.label
            row.instance = importer.instance(planned)
            row.object_id = row.instance.pk
            if diff:
                row.diff = self.preview_cells(importer, planned, row.instance, shown_fields)
            result.append_row_result(row)
            result.increment_row_result_total(row)
        return result

    @staticmethod
    def preview_cells(importer, planned, instance, shown_fields):
        """Each cell of a preview row; a changed cell shows what it was and what it becomes."""
        changed = {header: (was, now) for header, was, now in planned.differences}
        cells = []
        for field in shown_fields:
            value = field.widget.render(_shown_value(instance, field.attribute))
            header = importer.headers.get(_column(importer, field.attribute))
            if planned.kind == UPDATE and header in changed:
                was, now = changed[header]
                cells.append(format_html("<del>{}</del> <ins>{}</ins>", was, now))
            else:
                cells.append(format_html("{}", value))
        return cells


def _shown_value(instance, attribute):
    """A field's value as the clerk reads it: a choice by its label (开工, 龙头骨干企业), not
    its code."""
    model_field = next((f for f in instance._meta.concrete_fields if f.name == attribute), None)
    if model_field is not None and model_field.choices:
        return instance._get_FIELD_display(model_field)
    return getattr(instance, attribute, None)


def _column(importer, attribute):
    if attribute in importer.lookups:
        return importer.lookups[attribute][0]
    return importer.column_of(attribute)
