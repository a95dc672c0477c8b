"""Hidden rows, hidden columns and merged cells whose metadata cannot be read: the file is
refused naming the sheet and what could not be read, and nothing is saved — a hidden row read
as a visible one would be imported without a word."""

import io
import re
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import Project
from tests.annex_corpus import Sheet, write_ods
from tests.annex_workbooks import ANNEX1_HEADER, annex1_file, annex1_row

pytestmark = pytest.mark.django_db

RESAVE = "文件可能已损坏：请在 Excel 或 WPS 中打开、另存后再导入。本次未导入任何数据"


@pytest.fixture
def campaign():
    from tests.factories import CampaignFactory

    return CampaignFactory(slug="c2026")


def three_rows_hidden_and_merged(path):
    """Rows 5–7; row 6 hidden, 所在区块 merged over rows 5–7."""
    rows = [
        annex1_row(1, "甲"),
        annex1_row(2, "乙", 所在区块=None),
        annex1_row(3, "丙", 所在区块=None),
    ]
    return annex1_file(path, rows, hidden_rows=[6], merges=["D5:D7"])


def rewritten(path, member_prefix, change):
    """A copy of the zip at `path` with `change` applied to the members under `member_prefix`."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            body = source.read(item)
            if item.filename.startswith(member_prefix):
                changed = change(body)
                assert changed != body, "the crafted change must hit the part"
                body = changed
            copy.writestr(item, body)
    target = path.with_name(f"crafted-{path.name}")
    target.write_bytes(out.getvalue())
    return target


def sheet_xml(path, change):
    return rewritten(path, "xl/worksheets/sheet", change)


def refusal(path):
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_annex", "1", str(path), "--campaign", "c2026", stderr=err)
    assert not Project.objects.exists()
    return err.getvalue() + str(caught.value)


def imported(path):
    out = StringIO()
    call_command("import_annex", "1", str(path), "--campaign", "c2026", stdout=out)
    return out.getvalue()


def test_the_untouched_workbook_imports_with_its_hidden_row_listed(campaign, tmp_path):
    output = imported(three_rows_hidden_and_merged(tmp_path / "a.xlsx"))
    assert sorted(Project.objects.values_list("name", flat=True)) == ["丙", "甲"]
    assert "隐藏的行（未导入）：第 6 行" in output


def test_a_hidden_row_whose_number_cannot_be_read_is_refused(campaign, tmp_path):
    path = sheet_xml(
        three_rows_hidden_and_merged(tmp_path / "a.xlsx"),
        lambda xml: xml.replace(b'<row r="6"', b'<row r="x6"', 1),
    )
    errors = refusal(path)
    assert "工作表“附件1”的隐藏行信息（行号“x6”不是 1 至 1048576 的整数）无法读取" in errors
    assert RESAVE in errors


def test_a_hidden_flag_that_says_neither_yes_nor_no_is_refused(campaign, tmp_path):
    path = sheet_xml(
        three_rows_hidden_and_merged(tmp_path / "a.xlsx"),
        lambda xml: xml.replace(b'<row r="7"', b'<row r="7" hidden="maybe"', 1),
    )
    assert "工作表“附件1”的隐藏行信息（第 7 行的隐藏标记“maybe”无法识别）无法读取" in refusal(path)


def test_a_hidden_row_without_its_number_follows_the_row_before_it(campaign, tmp_path):
    # the row number is optional in the file format: the row after row 5 is row 6
    path = sheet_xml(
        three_rows_hidden_and_merged(tmp_path / "a.xlsx"),
        lambda xml: xml.replace(b'<row r="6"', b"<row", 1),
    )
    output = imported(path)
    assert sorted(Project.objects.values_list("name", flat=True)) == ["丙", "甲"]
    assert "隐藏的行（未导入）：第 6 行" in output


def test_a_hidden_column_whose_range_cannot_be_read_is_refused(campaign, tmp_path):
    path = sheet_xml(
        three_rows_hidden_and_merged(tmp_path / "a.xlsx"),
        lambda xml: xml.replace(
            b"<sheetData>", b'<cols><col min="a" max="2" hidden="1"/></cols><sheetData>', 1
        ),
    )
    assert "工作表“附件1”的隐藏列信息（起始列“a”不是 1 至 16384 的整数）无法读取" in refusal(path)


def test_a_broken_merge_is_refused_naming_the_sheet_not_the_header(campaign, tmp_path):
    path = sheet_xml(
        three_rows_hidden_and_merged(tmp_path / "a.xlsx"),
        lambda xml: xml.replace(b'ref="D5:D7"', b'ref="D5:"'),
    )
    errors = refusal(path)
    assert "工作表“附件1”的单元格或合并单元格信息无法读取" in errors
    assert "找不到附件1的表头" not in errors


def reversed_attributes(match):
    attributes = re.findall(rb'[\w:]+="[^"]*"', match.group(0))
    return b"<sheet " + b" ".join(reversed(attributes)) + b"/>"


def test_the_sheet_is_placed_whatever_the_order_of_its_attributes(campaign, tmp_path):
    # r:id before name, as other writers may put it: the hidden row is still found
    path = rewritten(
        three_rows_hidden_and_merged(tmp_path / "a.xlsx"),
        "xl/workbook.xml",
        lambda xml: re.sub(rb"<sheet [^>]*/>", reversed_attributes, xml),
    )
    assert "隐藏的行（未导入）：第 6 行" in imported(path)
    assert sorted(Project.objects.values_list("name", flat=True)) == ["丙", "甲"]


def ods_annex1(path):
    rows = [
        ["附件1"],
        ["县工业园区基础设施建设“百日行动”项目计划表"],
        ["单位：万元"],
        ANNEX1_HEADER,
        annex1_row(1, "甲"),
        annex1_row(2, "乙", 所在区块=None),
        annex1_row(3, "丙", 所在区块=None),
    ]
    return write_ods(Sheet(rows, merges=[(4, 3, 6, 3)], hidden_rows=(6,)), path)


def test_an_ods_merge_whose_span_cannot_be_read_is_refused(campaign, tmp_path):
    path = rewritten(
        ods_annex1(tmp_path / "a.ods"),
        "content.xml",
        lambda xml: xml.replace(b'rows-spanned="3"', 'rows-spanned="三"'.encode()),
    )
    errors = refusal(path)
    assert "工作表“附件”的隐藏行列或合并单元格信息" in errors
    assert "table:number-rows-spanned=“三”不是正整数" in errors


def test_the_untouched_ods_applies_its_merge_and_lists_its_hidden_row(campaign, tmp_path):
    output = imported(ods_annex1(tmp_path / "a.ods"))
    zones = dict(Project.objects.values_list("name", "zone"))
    assert zones == {"甲": "现代工业集聚区", "丙": "现代工业集聚区"}
    assert "隐藏的行（未导入）：第 6 行" in output
