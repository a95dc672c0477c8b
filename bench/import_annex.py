"""Benchmark of `import_annex` on a 9,999-row 附件1, against openpyxl merely reading the file
(read-only), python-calamine merely reading it (the parser the import stands on) and a plain
django-import-export ModelResource with default settings on the same rows. Each measurement
runs in its own process with its own throwaway SQLite file, so peak memory is that process's
and the dev database is never touched."""

import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROWS = 9_999  # the county-size annex the speed goal is stated for (SEQ_MAX allows 20,000)
ROOT = Path(__file__).resolve().parent.parent
GOALS = {"read_ratio": 1.0, "plain_speedup": 3.0, "peak_mb": 200}
DEPARTMENTS = [f"园区建设{n}科" for n in range(20)]
LEADERS = [f"领导{n}" for n in range(10)]


def _row(n):
    start = datetime.date(2026, 5, 1) + datetime.timedelta(days=n % 60)
    return {
        "seq": n,
        "name": f"基础设施项目{n:05d}",
        "content_scale": f"道路长{n % 7 + 1}.2公里，宽24米",
        "zone": "现代工业集聚区" if n % 2 else "永安工业集聚区",
        "total_investment_wan": Decimal(100 + n % 900) + Decimal("0.25"),
        "planned_investment_wan": Decimal(10 + n % 90) + Decimal("0.50"),
        "milestone_target": "完成路基及雨污管网",
        "planned_start": start,
        "planned_finish": start + datetime.timedelta(days=90),
        "leader": LEADERS[n % len(LEADERS)],
        "department": DEPARTMENTS[n % len(DEPARTMENTS)],
    }


def build_annex_file(path):
    """A ROWS-row 附件1 laid out like the office's file (title, unit row, merged header)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("附件1")
    sheet.append(["附件1"])
    sheet.append(["县工业园区基础设施建设“百日行动”项目计划表"])
    sheet.append(["填报单位：县工业园区管委会", *[None] * 8, "单位：万元"])
    sheet.append(
        ["序号", "项目名称", "建设内容及规模", "所在区块", "总投资", "百日行动计划", None]
        + ["计划开工时间", "计划完成时间", "责任领导", "责任单位", "备注"]
    )
    sheet.append([None] * 5 + ["计划投资", "形象进度目标"] + [None] * 5)
    for n in range(1, ROWS + 1):
        r = _row(n)
        sheet.append(
            [r["seq"], r["name"], r["content_scale"], r["zone"], r["total_investment_wan"]]
            + [r["planned_investment_wan"], r["milestone_target"], r["planned_start"]]
            + [r["planned_finish"], r["leader"], r["department"], None]
        )
    sheet.append(["合计"])
    workbook.save(path)


def build_xls_file(path):
    """The same ROWS rows as a BIFF .xls (what WPS and older Excel save), written by xlwt."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("附件1")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    head = ["序号", "项目名称", "建设内容及规模", "所在区块", "总投资", "百日行动计划", None]
    head += ["计划开工时间", "计划完成时间", "责任领导", "责任单位", "备注"]
    sheet.write(0, 0, "附件1")
    sheet.write(2, 9, "单位：万元")
    for column, text in enumerate(head):
        if text and column != 5:
            sheet.write_merge(3, 4, column, column, text)
    sheet.write_merge(3, 3, 5, 6, "百日行动计划")
    sheet.write(4, 5, "计划投资")
    sheet.write(4, 6, "形象进度目标")
    for n in range(1, ROWS + 1):
        r = _row(n)
        values = [r["seq"], r["name"], r["content_scale"], r["zone"]]
        values += [float(r["total_investment_wan"]), float(r["planned_investment_wan"])]
        values += [r["milestone_target"], r["planned_start"], r["planned_finish"]]
        values += [r["leader"], r["department"]]
        for column, value in enumerate(values):
            if isinstance(value, datetime.date):
                sheet.write(4 + n, column, value, dates)
            else:
                sheet.write(4 + n, column, value)
    sheet.write(5 + ROWS, 0, "合计")
    workbook.save(str(path))


def build_flat_file(path, department_ids, leader_ids, campaign_id):
    """The same rows as a plain import-export user would lay them out: model field names in
    row 1, foreign keys as ids."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Project")
    fields = ["campaign", "annex", "seq", "name", "content_scale", "zone"]
    fields += ["total_investment_wan", "planned_investment_wan", "milestone_target"]
    fields += ["planned_start", "planned_finish", "responsible_leader", "responsible_department"]
    sheet.append(["id", *fields])
    for n in range(1, ROWS + 1):
        r = _row(n)
        sheet.append(
            [None, campaign_id, 1, r["seq"], r["name"], r["content_scale"], r["zone"]]
            + [r["total_investment_wan"], r["planned_investment_wan"], r["milestone_target"]]
            + [r["planned_start"], r["planned_finish"], leader_ids[r["leader"]]]
            + [department_ids[r["department"]]]
        )
    workbook.save(path)


# --- workers (each in its own process) ------------------------------------------------------
def _setup_django(db_path):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from baidays.setup.services import setup_campaign
    from core.services import get_or_create_department, get_or_create_person

    campaign = setup_campaign(year=2026, slug="bench")
    office = get_or_create_department(name="县工业园区管委会")
    departments = {name: get_or_create_department(name=name).pk for name in DEPARTMENTS}
    leaders = {name: get_or_create_person(name=name, department=office).pk for name in LEADERS}
    return campaign, departments, leaders


def _worker_read(annex_path, _db):
    from openpyxl import load_workbook

    started = time.perf_counter()
    workbook = load_workbook(annex_path, read_only=True, data_only=True)
    count = sum(1 for _ in workbook.active.iter_rows(values_only=True))
    workbook.close()
    return {"seconds": time.perf_counter() - started, "rows": count}


def _worker_calamine(annex_path, _db):
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    workbook = CalamineWorkbook.from_path(annex_path)
    count = sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows())
    workbook.close()
    return {"seconds": time.perf_counter() - started, "rows": count}


def _worker_import(annex_path, db_path):
    _setup_django(db_path)
    from io import StringIO

    from django.core.management import call_command

    from projects.models import Project

    out = StringIO()
    started = time.perf_counter()
    call_command("import_annex", "1", annex_path, "--campaign", "bench", stdout=out)
    first = time.perf_counter() - started
    if annex_path.endswith(".xls"):
        return {"seconds": first, "rows": Project.objects.count(), "output": []}
    started = time.perf_counter()
    call_command("import_annex", "1", annex_path, "--campaign", "bench", stdout=out)
    again = time.perf_counter() - started
    return {
        "seconds": first,
        "again_seconds": again,
        "rows": Project.objects.count(),
        "history": Project.history.count(),
        "output": out.getvalue().strip().splitlines(),
    }


def _worker_plain(annex_path, db_path):
    campaign, departments, leaders = _setup_django(db_path)
    flat = Path(db_path).with_suffix(".flat.xlsx")
    build_flat_file(flat, departments, leaders, campaign.pk)
    from import_export.formats.base_formats import XLSX
    from import_export.resources import modelresource_factory

    from projects.models import Project

    started = time.perf_counter()
    dataset = XLSX().create_dataset(flat.read_bytes())
    result = modelresource_factory(Project)().import_data(dataset)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rows": Project.objects.count(),
        "errors": result.has_errors() or result.has_validation_errors(),
    }


WORKERS = {
    "read": _worker_read,
    "calamine": _worker_calamine,
    "import": _worker_import,
    "plain": _worker_plain,
}


def _worker(mode, annex_path, db_path):
    figures = WORKERS[mode](annex_path, db_path)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures, ensure_ascii=False))


def _measure(mode, annex_path, workdir):
    db_path = Path(workdir) / f"{mode}.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    completed = subprocess.run(
        [sys.executable, "-m", "bench.import_annex", mode, str(annex_path), str(db_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark worker {mode} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run():
    with tempfile.TemporaryDirectory(prefix="bench-import-annex-") as workdir:
        annex_path = Path(workdir) / f"annex1-{ROWS}.xlsx"
        build_annex_file(annex_path)
        size_kb = annex_path.stat().st_size / 1024
        xls_path = Path(workdir) / f"annex1-{ROWS}.xls"
        build_xls_file(xls_path)
        xls_kb = xls_path.stat().st_size / 1024
        # the machine's speed drifts: the bare read is taken before and after each import,
        # and each import is compared with the reads beside it
        reads = [_measure("read", annex_path, workdir)]
        imported = _measure("import", annex_path, workdir)
        reads.append(_measure("read", annex_path, workdir))
        (Path(workdir) / "xls").mkdir()
        xls = _measure("import", xls_path, Path(workdir) / "xls")
        reads.append(_measure("read", annex_path, workdir))
        calamine = [_measure("calamine", annex_path, workdir) for _ in range(3)]
        plain = _measure("plain", annex_path, workdir)
    read = {
        "seconds": sum(r["seconds"] for r in reads) / len(reads),
        "peak_mb": max(r["peak_mb"] for r in reads),
        "rows": reads[0]["rows"],
    }
    calamine_seconds = sum(r["seconds"] for r in calamine) / len(calamine)
    read_ratio = imported["seconds"] / ((reads[0]["seconds"] + reads[1]["seconds"]) / 2)
    xls_ratio = xls["seconds"] / ((reads[1]["seconds"] + reads[2]["seconds"]) / 2)
    speedup = plain["seconds"] / imported["seconds"]
    peak = max(imported["peak_mb"], xls["peak_mb"])

    def verdict(ok):
        return "✅" if ok else "❌"

    lines = [
        f"## import_annex — {ROWS:,}-row 附件1",
        "",
        f"File: {ROWS:,} data rows, title rows and a two-row merged header, {size_kb:.0f} KB. "
        "Each figure from its own process and throwaway SQLite database.",
        "",
        "| measurement | seconds | peak RSS (MB) | rows |",
        "|---|---:|---:|---:|",
        f"| openpyxl read-only read of the .xlsx (mean of 3) | {read['seconds']:.2f} | "
        f"{read['peak_mb']:.0f} | {read['rows']:,} |",
        f"| python-calamine read of the .xlsx (mean of 3) | {calamine_seconds:.2f} | "
        f"{max(r['peak_mb'] for r in calamine):.0f} | {calamine[0]['rows']:,} |",
        f"| `import_annex 1` (new: {imported['rows']:,} created, "
        f"{imported['history']:,} history rows) | {imported['seconds']:.2f} | {peak:.0f} | "
        f"{imported['rows']:,} |",
        f"| `import_annex 1` again (all unchanged) | {imported['again_seconds']:.2f} | — | "
        f"{imported['rows']:,} |",
        f"| `import_annex 1` of the same rows as .xls ({xls_kb:.0f} KB, xlwt) | "
        f"{xls['seconds']:.2f} | {xls['peak_mb']:.0f} | {xls['rows']:,} |",
        f"| plain `ModelResource`, default settings (flat file, FK ids) | "
        f"{plain['seconds']:.2f} | {plain['peak_mb']:.0f} | {plain['rows']:,} |",
        "",
        "| goal | measured | met |",
        "|---|---:|:-:|",
        f"| whole import ≤ {GOALS['read_ratio']:.1f}× openpyxl's bare read | {read_ratio:.2f}× | "
        f"{verdict(read_ratio <= GOALS['read_ratio'])} |",
        f"| the .xls import ≤ {GOALS['read_ratio']:.1f}× openpyxl's bare read of the .xlsx | "
        f"{xls_ratio:.2f}× | {verdict(xls_ratio <= GOALS['read_ratio'])} |",
        f"| (for reference) whole import ÷ python-calamine's bare read | "
        f"{imported['seconds'] / calamine_seconds:.2f}× | — |",
        f"| import ≥ {GOALS['plain_speedup']:.0f}× faster than the plain resource | "
        f"{speedup:.2f}× | {verdict(speedup >= GOALS['plain_speedup'])} |",
        f"| import peak memory (.xlsx and .xls) < {GOALS['peak_mb']} MB | {peak:.0f} MB | "
        f"{verdict(peak < GOALS['peak_mb'])} |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    _worker(*sys.argv[1:4])
