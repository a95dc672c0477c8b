"""Annex imports, from the command, the demo seed and the admin: the reader parses and checks
every cell, the annex's importer (planning.py) finds what is new, changed and unchanged against
the records already there and writes them with their history — all or nothing, in one
transaction."""

from dataclasses import dataclass

from django.db import DatabaseError, transaction

from audit.services import record_import
from baidays.excel.errors import RowErrors, RowProblem
from baidays.excel.layouts import LAYOUTS
from baidays.excel.mappings import remember, with_overrides
from baidays.excel.planning import NEW, SKIP, UPDATE
from baidays.excel.reader import read_annex

# the database's own text never reaches the clerk: it is English and names tables
CANNOT_SAVE = (
    "无法保存：数据与已有记录冲突或不符合填写规则（如完成时间早于开工时间），请核对后重新导入"
)


@dataclass
class ImportSummary:
    annex: int
    created: int
    updated: int
    unchanged: int
    dry_run: bool
    sheet_name: str
    plan: object = None  # the ImportPlan, row by row
    notes: tuple = ()  # units, columns not imported, totals checked (see AnnexTable.notes)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    @property
    def changes(self):
        """One line per new or changed row ("第 6 行 更新：乙（百日计划投资：100.00 → 150.00）")."""
        return [row for row in self.plan.rows if row.kind != SKIP] if self.plan else []

    def __str__(self):
        prefix = "试导入（未保存）" if self.dry_run else "导入完成"
        return (
            f"附件{self.annex}{prefix}：工作表“{self.sheet_name}”共 {self.total} 行，"
            f"新增 {self.created} 条，更新 {self.updated} 条，未变 {self.unchanged} 条"
        )


def importer_class(annex):
    from baidays.excel.enterprise_resources import CompetitionEntryImporter, KeyEnterpriseImporter
    from baidays.excel.project_resources import InfrastructureProjectImporter, KeyProjectImporter

    return {
        1: InfrastructureProjectImporter,
        2: CompetitionEntryImporter,
        3: KeyProjectImporter,
        4: KeyEnterpriseImporter,
    }[annex]


def run_import(*, importer, table, dry_run=False):
    """Import a parsed annex table through `importer`. Raises RowErrors (nothing saved) on any
    bad row; a dry run saves nothing either."""
    try:
        with transaction.atomic():
            plan = importer.plan(table)
            if plan.problems:
                raise RowErrors(plan.problems)
            importer.write(plan)
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError:
        raise RowErrors([RowProblem(0, "", CANNOT_SAVE)]) from None
    return ImportSummary(
        annex=importer.annex,
        created=len(plan.of_kind(NEW)),
        updated=len(plan.of_kind(UPDATE)),
        unchanged=len(plan.of_kind(SKIP)),
        dry_run=dry_run,
        sheet_name=table.sheet_name,
        plan=plan,
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
    importer = importer_class(annex)(campaign=campaign, user=user)
    summary = run_import(importer=importer, table=table, dry_run=dry_run)
    if not dry_run:
        record_import(source=source, filename=filename, summary=summary, user=user)
    if mapped and not dry_run:
        remember(annex, mapped)
    return summary
