"""Issue 23's silent wrongs: a workbook of several annexes, each read from its own sheet (never
another annex's), and names written with a line break inside the cell."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from baidays.excel.importing import import_annex
from baidays.excel.parsers import parse_name, parse_text
from enterprises.models import CompetitionEntry, Enterprise
from projects.models import Project
from tests.annex_corpus import VARIANTS, Sheet, build, write_xlsx_book
from tests.annex_workbooks import annex1_file, annex1_row, write_rows
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db
PLAIN = VARIANTS[0]


@pytest.fixture
def campaign():
    return CampaignFactory(slug="c2026")


def command(annex, path, *extra):
    out, err = StringIO(), StringIO()
    call_command(
        "import_annex", str(annex), str(path), "--campaign", "c2026", *extra, stdout=out, stderr=err
    )
    return out.getvalue()


def refusal(annex, path, *extra):
    with pytest.raises(CommandError) as caught:
        command(annex, path, *extra)
    assert not Project.objects.exists() and not CompetitionEntry.objects.exists()
    return str(caught.value)


def without_title(sheet):
    """The sheet's table without the 附件N / title rows above it: nothing says which annex."""
    return Sheet(sheet.rows[2:], [(r1 - 2, c1, r2 - 2, c2) for r1, c1, r2, c2 in sheet.merges])


def four_annexes(path, names=("附件1", "附件2", "附件3", "附件4")):
    sheets = [
        (name, build(annex, PLAIN)[0]) for annex, name in zip((1, 2, 3, 4), names, strict=True)
    ]
    return write_xlsx_book(sheets, path)


# --- sheets by meaning -------------------------------------------------------------------------
@pytest.mark.parametrize(("annex", "count"), [(1, 21), (2, 20), (3, 10), (4, 6)])
def test_each_annex_reads_its_own_sheet_of_a_four_sheet_workbook(campaign, tmp_path, annex, count):
    path = four_annexes(tmp_path / "annexes.xlsx")
    output = command(annex, path)
    assert f"工作表“附件{annex}”共 {count} 行" in output


def test_sheets_named_by_their_titles_alone_are_told_apart(campaign, tmp_path):
    path = four_annexes(tmp_path / "annexes.xlsx", names=("Sheet1", "Sheet2", "Sheet3", "Sheet4"))
    assert "工作表“Sheet3”共 10 行" in command(3, path)
    assert Project.objects.filter(annex=3).count() == 10
    assert not Project.objects.filter(annex=3, name="纬二路道路工程").exists()


def test_the_infrastructure_sheet_is_never_taken_for_annex_3(campaign, tmp_path):
    path = write_xlsx_book([("附件1", build(1, PLAIN)[0])], tmp_path / "a.xlsx")
    message = refusal(3, path)
    assert "工作簿中没有附件3的工作表（“附件1”是附件1）" in message


def test_a_lone_sheet_whose_title_says_annex_1_is_not_annex_3(campaign, tmp_path):
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1)], title="Sheet1")
    assert "“Sheet1”是附件1" in refusal(3, path)


def test_two_sheets_that_could_be_the_annex_are_refused_by_name(campaign, tmp_path):
    sheets = [
        ("甲表", without_title(build(1, PLAIN)[0])),
        ("乙表", without_title(build(3, PLAIN)[0])),
    ]
    path = write_xlsx_book(sheets, tmp_path / "a.xlsx")
    message = refusal(3, path)
    assert "2 个工作表都可能是附件3：“甲表”“乙表”" in message
    assert "--sheet" in message


def test_the_admin_names_the_sheet_with_sheet_option(campaign, tmp_path):
    sheets = [
        ("甲表", without_title(build(1, PLAIN)[0])),
        ("乙表", without_title(build(3, PLAIN)[0])),
    ]
    path = write_xlsx_book(sheets, tmp_path / "a.xlsx")
    assert "工作表“乙表”共 10 行" in command(3, path, "--sheet", "乙表")
    assert Project.objects.filter(annex=3).count() == 10


def test_a_sheet_name_that_is_not_there_is_refused_listing_the_sheets(campaign, tmp_path):
    path = four_annexes(tmp_path / "annexes.xlsx")
    message = refusal(1, path, "--sheet", "附件9")
    assert "没有名为“附件9”的工作表" in message and "“附件1”“附件2”“附件3”“附件4”" in message


def test_a_cover_sheet_that_lists_every_annex_says_none_of_them(campaign, tmp_path):
    cover = [("封面", [["附件1-4"], ["附件1—附件4 百日行动计划"]])]
    rows = [["金额单位：万元"], *annex1_file_rows()]
    path = write_rows(tmp_path / "a.xlsx", rows, title="项目表", before_sheets=cover)
    assert "工作表“项目表”" in command(1, path)


def annex1_file_rows():
    from tests.annex_workbooks import ANNEX1_HEADER

    return [ANNEX1_HEADER, annex1_row(1)]


# --- text as written ---------------------------------------------------------------------------
def test_a_line_break_inside_a_name_becomes_nothing_and_in_free_text_a_space():
    assert parse_name("年产5000台\n数控机床项目") == "年产5000台数控机床项目"
    assert parse_name("年产5000台 \r\n 数控机床项目") == "年产5000台数控机床项目"
    assert parse_text("道路长1.2公里\n宽24米") == "道路长1.2公里 宽24米"


def test_a_full_width_space_inside_a_name_is_kept_as_written():
    assert parse_name("华力\u3000精密") == "华力\u3000精密"
    assert parse_name("  华力  精密 ") == "华力 精密"


def test_names_with_a_line_break_import_as_written_on_one_line(campaign, tmp_path):
    row = annex1_row(
        1, "年产5000台\n数控机床项目", 建设内容及规模="道路\n管网", 责任单位="园区\n建设科"
    )
    command(1, annex1_file(tmp_path / "a.xlsx", [row]))
    project = Project.objects.get()
    assert project.name == "年产5000台数控机床项目"
    assert project.content_scale == "道路 管网"
    assert project.responsible_department.name == "园区建设科"


def test_a_name_stored_with_a_line_break_is_the_same_project_written_on_one_line(
    campaign, tmp_path
):
    command(1, annex1_file(tmp_path / "a.xlsx", [annex1_row(1, "纬二路\n道路工程")]))
    Project.objects.update(name="纬二路\n道路工程")  # as an earlier import stored it
    output = command(1, annex1_file(tmp_path / "b.xlsx", [annex1_row(1, "纬二路道路工程")]))
    assert "新增 0 条，更新 1 条" in output
    assert list(Project.objects.values_list("name", flat=True)) == ["纬二路道路工程"]


def test_an_enterprise_stored_with_a_line_break_is_found_by_its_one_line_name(campaign):
    Enterprise.objects.create(name="华力精密\n机械有限公司")
    path = build_annex2_file()
    import_annex(annex=2, source=path, campaign=campaign)
    assert Enterprise.objects.filter(name__startswith="华力精密").count() == 1
    assert Enterprise.objects.get(name__startswith="华力精密").name == "华力精密机械有限公司"


def build_annex2_file():
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    rows = [
        ["附件2"],
        ["序号", "企业名称", "项目名称", "建设类型", "百日计划投资（万元）"],
        [1, "华力精密机械有限公司", "数控机床项目", "开工", 100],
    ]
    return write_rows(folder / "a2.xlsx", rows, title="Sheet1")


def test_the_import_page_takes_the_sheet_to_read(admin_client, campaign, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.baidays.excel.test_admin import CONFIRM_URL, IMPORT_URL, confirm_data, upload

    sheets = [
        ("甲表", without_title(build(1, PLAIN)[0])),
        ("乙表", without_title(build(3, PLAIN)[0])),
    ]
    path = write_xlsx_book(sheets, tmp_path / "a.xlsx")
    html = upload(admin_client, path, campaign, resource=1).content.decode()
    assert "2 个工作表都可能是附件3：“甲表”“乙表”" in html
    with open(path, "rb") as handle:
        data = {
            "campaign": campaign.pk,
            "resource": 1,
            "format": 0,
            "sheet": "乙表",
            "import_file": SimpleUploadedFile(path.name, handle.read()),
        }
    response = admin_client.post(IMPORT_URL, data)
    html = response.content.decode()
    assert "年产5000台数控机床项目" in html and 'name="sheet" value="乙表"' in html
    confirm = confirm_data(response) | {"sheet": "乙表"}
    admin_client.post(CONFIRM_URL, confirm)
    assert Project.objects.filter(annex=3, campaign=campaign).count() == 10
