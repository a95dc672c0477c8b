"""The 公文 frame of GB/T 9704-2012 (党政机关公文格式), built with python-docx: A4, 天头 37 mm,
订口 28 mm, a 156 × 225 mm text block of 22 lines of 28 characters (a document grid with an
exact line pitch); body 3号仿宋, title 2号小标宋, level-1 headings 3号黑体, level-2 3号楷体;
page numbers 4号 "— 1 —" on the outside edge (odd pages right, even pages left); the 版头
(发文机关标志, 发文字号, 签发人 of an upward document, the red separator), the 成文日期 and the
版记 (抄送, 印发机关和印发日期). Font names are the standard's, so a government PC renders them
with the fonts it has. Each document (baidays/documents/documents.py) is written through it."""

from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# the standard's fonts (GB/T 9704-2012, 7.3) and sizes (号 → pt)
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
SIZE_2 = Pt(22)  # 2号: the title
SIZE_3 = Pt(16)  # 3号: body, headings
SIZE_4 = Pt(14)  # 4号: page numbers, 版记
RED = RGBColor(0xFF, 0x00, 0x00)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, LEFT = Mm(37), Mm(28)  # 天头, 订口
BLOCK_WIDTH, BLOCK_HEIGHT = Mm(156), Mm(225)
LINES, CHARS = 22, 28
# 225 mm / 22 lines: 28.95 pt a line (rounded down, so 22 lines fit), in twentieths of a point
LINE_PITCH_TWIPS = int(BLOCK_HEIGHT.pt / LINES * 20)
# 156 mm / 28 characters = 15.79 pt a character: the grid's charSpace says how much each
# character is narrower than the 16 pt font, in 1/4096 pt
CHAR_SPACE = round((BLOCK_WIDTH.pt / CHARS - SIZE_3.pt) * 4096)
# the page number's 一字线 7 mm below the text block (7.5)
FOOTER_DISTANCE = Mm(297 - 37 - 225 - 7 - 5)


@dataclass(frozen=True)
class Masthead:
    """版头: who issues it (发文机关标志), its number (发文字号) and, for a document sent up to a
    higher office (上行文), who signed it off (签发人)."""

    organ: str
    number: str
    signer: str | None = None
    upward: bool = False


@dataclass(frozen=True)
class Imprint:
    """版记: to whom copies go (抄送), who printed it and when (印发机关和印发日期)."""

    copy_to: str
    printed_by: str
    printed_on: object  # datetime.date


def chinese_date(day):
    """成文日期 in Arabic numerals without leading zeros (7.3.5.3): 2026年8月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


def set_font(run, name, size, *, bold=False, color=None):
    """A run in `name` for Latin and East Asian text alike (w:rFonts ascii/hAnsi/eastAsia)."""
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    return run


def _exact_lines(paragraph_format, lines=1):
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(LINE_PITCH_TWIPS / 20 * lines)
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _border(paragraph, edge, *, size_eighths, color="000000"):
    """A rule above or below a paragraph (the red separator, the 版记's lines)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    borders.append(line)


def _page_field(paragraph):
    """ "— N —" with N a PAGE field, 4号 宋体 (7.5)."""
    set_font(paragraph.add_run("— "), SONGTI, SIZE_4)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        run = set_font(paragraph.add_run(), SONGTI, SIZE_4)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    end = set_font(paragraph.add_run(), SONGTI, SIZE_4)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    set_font(paragraph.add_run(" —"), SONGTI, SIZE_4)


class Gongwen:
    """One 公文 being written: the page, the grid, the styles and the page numbers are set on
    creation; the parts are added in the order they are read."""

    def __init__(self):
        self.document = Document()
        self._page()
        self._body_style()
        self._page_numbers()

    def _page(self):
        section = self.document.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.left_margin = TOP, LEFT
        section.right_margin = PAGE_WIDTH - LEFT - BLOCK_WIDTH
        section.bottom_margin = PAGE_HEIGHT - TOP - BLOCK_HEIGHT
        section.header_distance = Mm(15)
        section.footer_distance = FOOTER_DISTANCE
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        grid.set(qn("w:charSpace"), str(CHAR_SPACE))

    def _body_style(self):
        normal = self.document.styles["Normal"]
        normal.font.name = FANGSONG
        normal.font.size = SIZE_3
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FANGSONG)
        _exact_lines(normal.paragraph_format)

    def _page_numbers(self):
        """Odd pages' number on the right, even pages' on the left, each one character in from
        the edge of the text block (different odd and even footers)."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        odd = section.footer.paragraphs[0]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = SIZE_4
        _page_field(odd)
        even = section.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = SIZE_4
        _page_field(even)

    # the parts, in reading order

    def masthead(self, masthead):
        """发文机关标志 in red 小标宋, then the 发文字号 (with the 签发人 of an upward document on
        its right) and the red separator below it."""
        for _ in range(2 if masthead.upward else 1):
            self.document.add_paragraph()
        organ = self.document.add_paragraph()
        organ.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _exact_lines(organ.paragraph_format, lines=2)
        # as large as 30 pt, never wider than the text block (7.2.3)
        size = Pt(min(30, int(BLOCK_WIDTH.pt / len(masthead.organ))))
        set_font(organ.add_run(masthead.organ), XIAOBIAOSONG, size, color=RED)
        self.document.add_paragraph()
        line = self.document.add_paragraph()
        if masthead.upward and masthead.signer:
            line.paragraph_format.left_indent = SIZE_3
            line.paragraph_format.right_indent = SIZE_3
            line.paragraph_format.tab_stops.add_tab_stop(
                BLOCK_WIDTH - 2 * SIZE_3, WD_TAB_ALIGNMENT.RIGHT
            )
            set_font(line.add_run(masthead.number), FANGSONG, SIZE_3)
            set_font(line.add_run("\t签发人："), FANGSONG, SIZE_3)
            set_font(line.add_run(masthead.signer), KAITI, SIZE_3)
        else:
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(line.add_run(masthead.number), FANGSONG, SIZE_3)
        _border(line, "bottom", size_eighths=12, color="FF0000")
        self.document.add_paragraph()

    def title(self, text):
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _exact_lines(paragraph.paragraph_format, lines=1.2)
        set_font(paragraph.add_run(text), XIAOBIAOSONG, SIZE_2)
        self.document.add_paragraph()
        return paragraph

    def addressee(self, text):
        """主送机关: flush left, ending in a full-width colon."""
        paragraph = self.document.add_paragraph()
        set_font(paragraph.add_run(f"{text}："), FANGSONG, SIZE_3)
        return paragraph

    def heading(self, text, level=1):
        """一、… in 3号黑体 (level 1), （一）… in 3号楷体 (level 2), indented two characters."""
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = 2 * SIZE_3
        set_font(paragraph.add_run(text), HEITI if level == 1 else KAITI, SIZE_3)
        return paragraph

    def paragraph(self, text):
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = 2 * SIZE_3
        set_font(paragraph.add_run(text), FANGSONG, SIZE_3)
        return paragraph

    def paragraphs(self, text, empty="（本期未撰写）"):
        """A text typed in the portal: one paragraph a line; `empty` when it has none."""
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        for line in lines or [empty]:
            self.paragraph(line)

    def table(self, header, rows):
        """A table in 4号仿宋 across the text block, single-spaced, its header repeated."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._cell(cell, text, bold=True)
        heading_row = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        heading_row.append(repeat)
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                self._cell(cell, text)
        self.document.add_paragraph()
        return table

    @staticmethod
    def _cell(cell, text, *, bold=False):
        """A cell's text single-spaced, off the 29 pt line grid of the body."""
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.paragraph_format.first_line_indent = Pt(0)
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        paragraph._p.get_or_add_pPr().insert(0, snap)
        set_font(paragraph.add_run(str(text)), FANGSONG, SIZE_4, bold=bold)

    def signature(self, organ, day):
        """发文机关署名 and 成文日期, the date four characters in from the right (7.3.5)."""
        self.document.add_paragraph()
        for text in (organ, chinese_date(day)):
            paragraph = self.document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = 4 * SIZE_3
            set_font(paragraph.add_run(text), FANGSONG, SIZE_3)

    def imprint(self, imprint):
        """版记 in 4号仿宋 between rules: thick above 抄送 and below the 印发 line, thin between."""
        self.document.add_paragraph()
        copy_to = self.document.add_paragraph()
        copy_to.paragraph_format.left_indent = SIZE_4
        _border(copy_to, "top", size_eighths=8)
        _border(copy_to, "bottom", size_eighths=4)
        set_font(copy_to.add_run(f"抄送：{imprint.copy_to}。"), FANGSONG, SIZE_4)
        printed = self.document.add_paragraph()
        printed.paragraph_format.left_indent = SIZE_4
        printed.paragraph_format.right_indent = SIZE_4
        printed.paragraph_format.tab_stops.add_tab_stop(
            BLOCK_WIDTH - 2 * SIZE_4, WD_TAB_ALIGNMENT.RIGHT
        )
        _border(printed, "bottom", size_eighths=8)
        set_font(printed.add_run(imprint.printed_by), FANGSONG, SIZE_4)
        set_font(printed.add_run(f"\t{chinese_date(imprint.printed_on)}印发"), FANGSONG, SIZE_4)

    def content(self):
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
