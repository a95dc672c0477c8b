"""Annex imports, from the command, the demo seed and the admin: the reader parses and checks
every cell, the annex's importer (planning.py) finds what is new, changed and unchanged against
the records already there and writes them with their history — all or nothing, in one
transaction."""

from dataclasses import dataclass

from django.db import DatabaseError, transaction

from audit.services import record_import
from baidays.excel.enterprise_importers import CompetitionEntryImporter, KeyEnterpriseImporter
from baidays.excel.errors import CellError, RowErrors, RowProblem, WorkbookError
from baidays.excel.layouts import LAYOUTS
from baidays.excel.mappings import remember, with_overrides
from baidays.excel.planning import NEW, SKIP, UPDATE
from baidays.excel.project_importers import InfrastructureProjectImporter, KeyProjectImporter
from baidays.excel.reader import read_annex
from baidays.excel.schedule_import import weeks_of_periods
from supervision.schedules.choices import ScheduleSource
from supervision.schedules.services import current_version, replace_schedule

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
    warnings: tuple = ()  # plans outside the campaign (see date_warnings.py)

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
            month_notes = plans_from_months(importer, table, plan, dry_run=dry_run)
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
        notes=(*table.notes, *month_notes),
        warnings=tuple(table.warnings),
    )


def import_annex(
    *,
    annex,
    source,
    campaign,
    dry_run=False,
    user=None,
    filename=None,
    mapped=(),
    sheet=None,
    accept_dates=True,
):
    """Read and import one annex workbook; WorkbookError or RowErrors when it is refused.
    `mapped` are the admin's (header, column key) pairs for columns the reader could not
    place; they are remembered for the annex once an import with them succeeds. Without
    `accept_dates`, plans outside the campaign (date_warnings.py) stop the import before
    anything is saved."""
    mappings = with_overrides(annex, mapped)
    table = read_annex(
        source,
        LAYOUTS[annex],
        filename=filename,
        mappings=mappings,
        campaign=campaign,
        sheet=sheet,
    )
    if table.warnings and not (dry_run or accept_dates):
        raise WorkbookError(
            "\n".join(table.warnings)
            + "\n未导入任何数据。如确认无误，请加 --accept-dates 重新导入（可先加 --dry-run 查看）"
        )
    importer = importer_class(annex)(campaign=campaign, user=user)
    summary = run_import(importer=importer, table=table, dry_run=dry_run)
    if not dry_run:
        record_import(source=source, filename=filename, summary=summary, user=user)
    if mapped and not dry_run:
        remember(annex, mapped)
    return summary


def plans_from_months(importer, table, plan, *, dry_run):
    """An annex whose 百日计划投资 is broken down by month (or 旬) gives each item without a
    进度计划 of its own that plan (import_schedule's spreading rule); the note saying so."""
    key, made, skipped = "planned_investment_wan", 0, 0
    rows = [
        (row, planned)
        for row, planned in zip(table.rows, plan.rows, strict=True)
        if row.values.get("periods", {}).get(key)
    ]
    for row, planned in rows:
        try:
            weeks = weeks_of_periods(importer.campaign, row.values["periods"][key])
        except CellError:
            skipped += 1
            continue
        if dry_run:
            made += 1
            continue
        item = importer.model.objects.get(pk=planned.record["id"])
        if current_version(item) is None:
            replace_schedule(
                item=item, weeks=weeks, source=ScheduleSource.IMPORT, note="按附件分月"
            )
            made += 1
    if not rows:
        return []
    verb = "将按" if dry_run else "已按"
    lines = [f"{verb}各月计划投资生成 {made} 个项目的进度计划（已有进度计划的项目不变）"]
    if skipped:
        lines.append(f"{skipped} 个项目的月份不在本次百日行动内，未生成进度计划")
    return lines
