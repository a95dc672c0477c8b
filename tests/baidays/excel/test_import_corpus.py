"""The generated corpus (annex_corpus.py): every annex in every layout variant and every
format imports with the plan's exact counts and 万元 totals; where LibreOffice is installed,
files it converted (as county offices' .xls and .ods are) import the same."""

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db.models import Sum

from baidays.excel.importing import import_annex
from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.models import Project
from tests.annex_corpus import VARIANTS, WRITERS, build, write_xlsx, write_xlsx_book
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    1: (21, Decimal("1156.00")),
    2: (20, Decimal("17800.00")),
    3: (10, Decimal("11050.00")),
    4: (6, None),
}


def imported(annex, campaign):
    if annex in (1, 3):
        return Project.objects.filter(campaign=campaign, annex=annex)
    return (CompetitionEntry if annex == 2 else KeyEnterprise).objects.filter(campaign=campaign)


def check_import(annex, path):
    campaign = CampaignFactory()
    summary = import_annex(annex=annex, source=path, campaign=campaign)
    rows = imported(annex, campaign)
    count, planned = EXPECTED[annex]
    assert (summary.created, rows.count()) == (count, count)
    if planned is not None:
        assert rows.aggregate(total=Sum("planned_investment_wan"))["total"] == planned
    if annex == 2:
        goals = [rows.filter(goal=goal).count() for goal in ("start", "accelerate", "complete")]
        assert goals == [7, 12, 1]
    if annex == 4:
        assert rows.filter(category="leading").count() == 2
    assert not any(note.startswith("未识别的列") for note in summary.notes), summary.notes
    return summary


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("variant", VARIANTS, ids=str)
@pytest.mark.parametrize("annex", [1, 2, 3, 4])
def test_every_layout_in_every_format_imports_exactly(annex, variant, fmt, tmp_path):
    sheet, _ = build(annex, variant)
    path = WRITERS[fmt](sheet, tmp_path / f"annex{annex}.{fmt}")
    summary = check_import(annex, path)
    if annex != 4:
        assert variant.unit in " ".join(summary.notes)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The corpus as LibreOffice saves it: every variant of every annex written by openpyxl,
    then converted to .xls and .ods in one soffice run per format."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    folder = tmp_path_factory.mktemp("soffice")
    sources = []
    for annex in (1, 2, 3, 4):
        for number, variant in enumerate(VARIANTS):
            sources.append(write_xlsx(build(annex, variant)[0], folder / f"a{annex}-{number}.xlsx"))
    for fmt in ("xls", "ods"):
        subprocess.run(
            [soffice, "--headless", "--convert-to", fmt, "--outdir", str(folder / fmt)]
            + [str(path) for path in sources],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return folder


@pytest.mark.parametrize("fmt", ["xls", "ods"])
@pytest.mark.parametrize("number", range(len(VARIANTS)))
@pytest.mark.parametrize("annex", [1, 2, 3, 4])
def test_files_saved_by_libreoffice_import_exactly(converted, annex, number, fmt):
    check_import(annex, converted / fmt / f"a{annex}-{number}.{fmt}")


BOOK_VARIANTS = [v for v in VARIANTS if v.merged or v.months or v.two_levels or v.hidden]


def four_sheet_book(variant, path):
    """All four annexes of `variant` as the sheets of one workbook, named only Sheet1–4: each
    annex must find its own by its title."""
    sheets = [(f"Sheet{annex}", build(annex, variant)[0]) for annex in (1, 2, 3, 4)]
    return write_xlsx_book(sheets, path)


@pytest.mark.parametrize("variant", BOOK_VARIANTS, ids=str)
@pytest.mark.parametrize("annex", [1, 2, 3, 4])
def test_each_annex_of_a_four_sheet_workbook_imports_exactly(annex, variant, tmp_path):
    summary = check_import(annex, four_sheet_book(variant, tmp_path / "book.xlsx"))
    assert summary.sheet_name == f"Sheet{annex}"
    if variant.hidden:
        assert any(note.startswith("隐藏的行（未导入）") for note in summary.notes)
        assert any(note.startswith("隐藏的列（未导入）") for note in summary.notes)


@pytest.fixture(scope="module")
def converted_books(tmp_path_factory):
    """The four-sheet workbooks as LibreOffice saves them in .xls and .ods."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    folder = tmp_path_factory.mktemp("books")
    sources = [
        four_sheet_book(variant, folder / f"book-{number}.xlsx")
        for number, variant in enumerate(BOOK_VARIANTS)
    ]
    for fmt in ("xls", "ods"):
        subprocess.run(
            [soffice, "--headless", "--convert-to", fmt, "--outdir", str(folder / fmt)]
            + [str(path) for path in sources],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return folder


@pytest.mark.parametrize("fmt", ["xls", "ods"])
@pytest.mark.parametrize("number", range(len(BOOK_VARIANTS)))
@pytest.mark.parametrize("annex", [1, 2, 3, 4])
def test_four_sheet_workbooks_saved_by_libreoffice_import_exactly(
    converted_books, annex, number, fmt
):
    check_import(annex, converted_books / fmt / f"book-{number}.{fmt}")
