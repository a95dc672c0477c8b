"""The audit log as an .xlsx workbook (openpyxl), for the audit administrator."""

import io
import json

from openpyxl import Workbook

from audit.selectors import COLUMNS, as_row


def audit_filename(filters):
    since = filters.get("since")
    until = filters.get("until")
    span = "-".join(d.isoformat() for d in (since, until) if d) or "all"
    return f"audit-log-{span}.xlsx"


def audit_workbook(records):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("安全审计日志")
    sheet.append(COLUMNS)
    for entry in records.iterator(chunk_size=2000):
        row = as_row(entry)
        row[7] = json.dumps(row[7], ensure_ascii=False)
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
