"""The 公文 .docx of the weekly 工作简报 and the 督办通知单, read back with python-docx: GB/T
9704-2012's page (A4, 天头 37 mm, 订口 28 mm, 156 × 225 mm text block, 22 lines of 28
characters), fonts and sizes, the PAGE field on the outside edge of odd and even pages, the
版头 and 版记; every figure the summary's on the same as-of day; LibreOffice opens them."""

import datetime
import re
from io import BytesIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from baidays.closing import work_summary
from baidays.closing.services import issue_narrative, save_narrative
from baidays.dashboards.summary import campaign_summary
from baidays.demo.seed import seed_demo
from baidays.documents.documents import (
    briefing_document,
    summary_document,
    supervision_document,
)
from baidays.documents.gongwen import FANGSONG, HEITI, XIAOBIAOSONG
from core.templatetags.dashboard_tags import wan, wan_or_yi
from supervision.models import Supervision
from supervision.services import supervise
from tests.libreoffice import pdf_pages, require_soffice

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
PROGRESS = "一是三个基础设施项目集中开工\n二是召开土地专题会议"


@pytest.fixture(scope="module")
def demo_documents(django_db_setup, django_db_blocker):
    """The demo's briefing (with a narrative written and 签发) and one 督办通知单, as .docx, with
    the summary of the same day; written once for the module."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            noon = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(12)))
            with time_machine.travel(noon, tick=False):
                campaign, users = seed_demo(today=TODAY, password="docx-test-1")
                week = campaign.week_of(TODAY)
                save_narrative(
                    campaign=campaign,
                    week=week,
                    progress=PROGRESS,
                    problems="部分项目征地拆迁滞后",
                    next_steps="下周召开电力专题会议",
                    user=users["admin"],
                    today=TODAY,
                )
                issue_narrative(campaign=campaign, week=week, user=users["leader"], now=noon)
                supervise(campaign=campaign, as_of=TODAY)
                supervision = Supervision.objects.order_by("pk").first()
                draft = work_summary.draft(campaign=campaign, user=users["admin"], today=TODAY)
                draft = work_summary.edit(
                    work_summary=draft,
                    user=users["admin"],
                    practices="一是建立周调度机制",
                    problems="用地指标紧张",
                    next_steps="巩固成果",
                )
                draft = work_summary.issue(work_summary=draft, user=users["leader"], now=noon)
                documents = {
                    "summary": campaign_summary(campaign, TODAY),
                    "leader": users["leader"].person.name,
                    "briefing": briefing_document(campaign, TODAY),
                    "supervision": supervision_document(supervision, TODAY),
                    "summary_doc": summary_document(draft),
                    "figures": draft.figures,
                    "target": supervision.target_label,
                    "department": str(supervision.department),
                }
            transaction.set_rollback(True)
    return documents


def _read(content):
    return Document(BytesIO(content))


def _text(document):
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("name", ["briefing", "supervision", "summary_doc"])
def test_the_page_is_a4_with_the_standard_margins_and_a_22_by_28_grid(demo_documents, name):
    section = _read(demo_documents[name]).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    block_width = section.page_width - section.left_margin - section.right_margin
    block_height = section.page_height - section.top_margin - section.bottom_margin
    assert (round(block_width / Mm(1)), round(block_height / Mm(1))) == (156, 225)
    grid = section._sectPr.find(qn("w:docGrid"))
    # a line grid only: LibreOffice spreads a character grid's 16 pt characters over two cells
    assert grid.get(qn("w:type")) == "lines"
    line_pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert round(225 / 25.4 * 72 / line_pitch_pt) == 22
    # 28 characters a line: the body's 16 pt characters are set a little closer
    body = _read(demo_documents[name]).styles["Normal"].element.rPr
    char_pitch_pt = 16 + int(body.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert int(156 / 25.4 * 72 / char_pitch_pt) == 28


def _runs(document):
    return [run for p in document.paragraphs for run in p.runs if run.text.strip()]


def _east_asia(run):
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("name", ["briefing", "supervision", "summary_doc"])
def test_title_body_and_headings_are_in_the_standard_fonts_and_sizes(demo_documents, name):
    document = _read(demo_documents[name])
    runs = _runs(document)
    titles = [run for run in runs if run.font.size == Pt(22)]
    assert titles and all(_east_asia(run) == XIAOBIAOSONG for run in titles)
    headings = [run for run in runs if _east_asia(run) == HEITI]
    assert headings and all(run.font.size == Pt(16) for run in headings)
    assert all(re.match("[一二三四五六七八]、", run.text) for run in headings)
    body = [run for run in runs if _east_asia(run) == FANGSONG and run.font.size == Pt(16)]
    assert len(body) > 5
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == FANGSONG
    assert normal.paragraph_format.line_spacing == Pt(28.95)  # 22 lines in 225 mm


@pytest.mark.parametrize("name", ["briefing", "supervision", "summary_doc"])
def test_page_numbers_are_a_page_field_on_the_outside_edge_of_odd_and_even_pages(
    demo_documents, name
):
    document = _read(demo_documents[name])
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == {"right": 2, "left": 0}[alignment]
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert {run.font.size for run in paragraph.runs} == {Pt(14)}


def test_the_briefing_has_its_narrative_its_signer_and_its_imprint(demo_documents):
    text = _text(_read(demo_documents["briefing"]))
    assert "一是三个基础设施项目集中开工" in text and "二是召开土地专题会议" in text
    assert "部分项目征地拆迁滞后" in text and "下周召开电力专题会议" in text
    assert f"签发人：{demo_documents['leader']}" in text
    week = demo_documents["summary"]["reports"]["week"]
    assert f"第 {week} 期" in text
    assert "抄送：" in text and "2026年6月15日印发" in text
    assert "2026年6月15日" in text  # 成文日期


def test_every_figure_of_the_briefing_is_the_summarys_of_the_same_day(demo_documents):
    text = _text(_read(demo_documents["briefing"]))
    s = demo_documents["summary"]
    infrastructure, competition = s["infrastructure"], s["competition"]
    expected = [
        f"第 {s['campaign']['day']} 天",
        f"时序进度 {s['campaign']['time_percent']}%",
        f"累计完成投资 {wan(infrastructure['completed_wan'])} 万元，为目标 "
        f"{wan_or_yi(infrastructure['target_wan'])} 的 {infrastructure['percent']}%",
        f"累计完成投资 {wan(competition['completed_wan'])} 万元，为目标 "
        f"{wan_or_yi(competition['target_wan'])} 的 {competition['percent']}%",
        f"共收集困难和问题 {s['problems']['total']} 个，已解决 {s['problems']['resolved']} 个",
        f"应报 {s['reports']['expected']} 项，已报 {s['reports']['submitted']} 项",
        f"未报 {s['reports']['missing']} 项",
        f"规划节点 {s['plans']['milestones']} 个，已完成 {s['plans']['done']} 个",
        f"电力项目完成 {s['topics']['power']['done']}/{s['topics']['power']['items']} 项",
        f"{wan(infrastructure['target_wan'])}",
        "1,156.00",
    ]
    expected += [
        f"{goal['label']} {goal['achieved']}/{goal['planned']} 家"
        for goal in competition["goals"].values()
    ]
    expected += [
        f"{t['title']} {t['achieved']}/{t['target']} 亩" for t in s["topics"]["land"]["targets"]
    ]
    for figure in expected:
        assert figure in text, figure


def test_the_supervision_notice_names_its_unit_cause_and_sign_off_block(demo_documents):
    document = _read(demo_documents["supervision"])
    text = _text(document)
    assert "督办通知单" in text and demo_documents["target"] in text
    assert f"{demo_documents['department']}：" in text  # 主送机关
    header = [cell.text for cell in document.tables[-1].rows[0].cells]
    assert header == ["接收单位", "签收人", "签收时间"]
    assert document.tables[-1].rows[1].cells[0].text == demo_documents["department"]
    assert "县“服务工业、推进项目”百日行动领导小组办公室" in text


def test_a_tables_columns_follow_their_texts_within_the_text_block(demo_documents):
    table = _read(demo_documents["summary_doc"]).tables[0]  # 目标完成情况
    widths = [column.w for column in table._tbl.tblGrid.gridCol_lst]
    assert table.rows[0].cells[0].text == "工作"
    # the activities' names take the widest column, the 完成率 the narrowest
    assert widths[0] == max(widths) and widths[-1] == min(widths) < widths[0]
    assert round(sum(widths) / Mm(1)) == 156


def test_libreoffice_opens_the_documents_on_a_stable_number_of_pages(demo_documents, tmp_path):
    require_soffice("libreoffice-writer-nogui")
    pages = {
        name: pdf_pages(demo_documents[name], tmp_path, name, ".docx")
        for name in ("briefing", "supervision", "summary_doc")
    }
    # the demo's briefing of 2026-06-15: the narrative, the figures, the top ten lagging items
    # (five pages when a character grid spread 14 characters over a line)
    assert pages == {"briefing": 4, "supervision": 2, "summary_doc": 3}
    again = pdf_pages(demo_documents["briefing"], tmp_path, "briefing-again", ".docx")
    assert again == pages["briefing"]


def test_the_command_writes_the_document_of_a_week_and_names_bad_arguments(tmp_path):
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(12))), tick=False
    ):
        seed_demo(today=TODAY, password="docx-test-2")
        target = tmp_path / "简报.docx"
        call_command(
            "export_document", "briefing", str(target), "--campaign", "demo", "--week", "3"
        )
        text = _text(Document(target))
        assert "第 3 期" in text
        with pytest.raises(CommandError, match="第 99 周不在"):
            call_command("export_document", "briefing", str(target), "--week", "99")
        with pytest.raises(CommandError, match="--id"):
            call_command("export_document", "supervision", str(target))
        with pytest.raises(CommandError, match="没有编号为 999999 的督办单"):
            call_command("export_document", "supervision", str(target), "--id", "999999")
        with pytest.raises(CommandError, match="没有编号为 999999 的工作小结"):
            call_command("export_document", "summary", str(target), "--id", "999999")
        with pytest.raises(CommandError, match=r"\.docx"):
            call_command("export_document", "briefing", str(tmp_path / "x.pdf"))


def test_the_summary_document_carries_its_snapshot_figures_and_its_signer(demo_documents):
    text = _text(_read(demo_documents["summary_doc"]))
    rows = work_summary.activity_rows(demo_documents["figures"])
    for row in rows:
        assert f"{row['activity']}" in text and row["target"] in text and row["result"] in text
    assert "1156万元" in text and "1.78亿元" in text
    assert f"签发人：{demo_documents['leader']}" in text
    assert "一是建立周调度机制" in text and "用地指标紧张" in text and "巩固成果" in text
    solved = demo_documents["figures"]["problems_solved"]["count"]
    assert f"共帮助解决困难和问题 {solved} 个" in text
    infrastructure = demo_documents["summary"]["infrastructure"]
    assert f"{wan(infrastructure['completed_wan'])}万元" in text


# a paragraph's properties in the order ECMA-376 (CT_PPr) gives them
PPR_ORDER = [
    qn(f"w:{tag}")
    for tag in [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
]


@pytest.mark.parametrize("name", ["briefing", "supervision", "summary_doc"])
def test_paragraph_properties_keep_the_schemas_order_so_word_opens_the_file(demo_documents, name):
    """Word refuses (as "unreadable content") paragraph properties out of the schema's order,
    e.g. borders after the tabs; LibreOffice and python-docx would not notice."""
    out_of_order = []
    for properties in _read(demo_documents[name]).element.body.iter(qn("w:pPr")):
        places = [PPR_ORDER.index(child.tag) for child in properties]
        if places != sorted(places):
            out_of_order.append([child.tag.split("}")[1] for child in properties])
    assert out_of_order == []
