"""The 公文 frame of GB/T 9704-2012 (党政机关公文格式), built with python-docx: A4, 天头 37 mm,
订口 28 mm, a 156 × 225 mm text block of 22 lines of 28 characters (a line grid with an
exact pitch, characters set 0.25 pt closer); body 3号仿宋, title 2号小标宋, level-1 headings
3号黑体, level-2 3号楷体; page numbers 4号 "— 1 —" on the outside edge (odd pages right, even
pages left); the 版头 (发文机关标志, 发文字号, 签发人 of an upward document, the red
separator), the 成文日期 and the 版记 (抄送, 印发机关和印发日期). Font names are the
standard's, so a government PC renders them with the fonts it has. Each document
(baidays/documents/documents.py) is written through it."""

import re
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

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
# 156 mm / 28 characters = 15.79 pt a character, a little less than the 16 pt font: every
# character is set 0.25 pt closer (w:spacing, in twentieths of a point), so 28 fit a line. Not
# a character grid (docGrid linesAndChars): LibreOffice gives a character wider than its grid
# cell two cells, and the lines came out with 14 characters spread across the page.
CHAR_CONDENSE_TWIPS = -5
CHAR_PITCH = Pt(SIZE_3.pt + CHAR_CONDENSE_TWIPS / 20)
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


def width_in_characters(text):
    """How many Chinese characters wide `text` sets: a digit half of one, and each run of
    digits half a character more for the space a word processor puts between it and Chinese
    text."""
    digits = re.findall(r"\d+", text)
    return len(text) - sum(len(run) for run in digits) * 0.5 + len(digits) * 0.5


def _exact_lines(paragraph_format, lines=1):
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(LINE_PITCH_TWIPS / 20 * lines)
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


# what follows w:pBdr in a paragraph's properties (ECMA-376 CT_PPrBase)
PPR_AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _border(paragraph, edge, *, size_eighths, color="000000"):
    """A rule above or below a paragraph (the red separator, the 版记's lines)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # the schema's order: Word refuses a pBdr after the tabs, spacing or indents
        properties.insert_element_before(borders, *PPR_AFTER_BORDERS)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    borders.append(line)


# a column's share of a table's width follows its longest text, up to this many characters
# (so a long name wraps rather than squeezing the figures)
WIDEST_COLUMN_CHARS = 12


def _column_widths(table, lines):
    """Columns as wide as their texts need, sharing the text block: with equal columns a
    table's first column (the item's name) broke every name over two lines."""
    longest = [
        max(width_in_characters(str(line[column])) for line in lines)
        for column in range(len(lines[0]))
    ]
    # one character more for the cell's own margins, so "10" or a unit's name keeps to a line
    needs = [min(WIDEST_COLUMN_CHARS, max(2, length)) + 1 for length in longest]
    grid = table._tbl.tblGrid.gridCol_lst  # what LibreOffice lays the columns out by
    for column, grid_column, need in zip(table.columns, grid, needs, strict=True):
        width = Emu(int(BLOCK_WIDTH * need / sum(needs)))
        grid_column.w = width
        for cell in column.cells:  # and Word by
            cell.width = width


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
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))

    def _body_style(self):
        normal = self.document.styles["Normal"]
        normal.font.name = FANGSONG
        normal.font.size = SIZE_3
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FANGSONG)
        condensed = OxmlElement("w:spacing")
        condensed.set(qn("w:val"), str(CHAR_CONDENSE_TWIPS))
        normal.element.get_or_add_rPr().append(condensed)
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
            # 发文字号 one character in from the left, 签发人 one in from the right (7.2.4), by
            # a full-width space and a right tab: indents would shorten the red separator,
            # which is as wide as the text block (tab stops count from the margin)
            line.paragraph_format.tab_stops.add_tab_stop(
                BLOCK_WIDTH - CHAR_PITCH, WD_TAB_ALIGNMENT.RIGHT
            )
            set_font(line.add_run(f"\u3000{masthead.number}"), FANGSONG, SIZE_3)
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
        _column_widths(table, [header, *rows])
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
        """发文机关署名 and 成文日期 of a document without a seal (7.3.5.2): the 署名 two
        characters in from the right, the date on the next line starting two characters to the
        right of the 署名's first character (the date flush two characters in from the right
        when it is the longer: a short 署名 moves left instead)."""
        self.document.add_paragraph()
        date = chinese_date(day)
        date_width = width_in_characters(date)
        organ_chars = min(len(organ), CHARS - 2)
        right_of_organ = 2 + max(0, date_width + 2 - organ_chars)
        organ_line = self.document.add_paragraph()
        organ_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        organ_line.paragraph_format.right_indent = Emu(int(right_of_organ * CHAR_PITCH))
        set_font(organ_line.add_run(organ), FANGSONG, SIZE_3)
        date_line = self.document.add_paragraph()
        date_line.paragraph_format.left_indent = Emu(
            int((CHARS - right_of_organ - organ_chars + 2) * CHAR_PITCH)
        )
        set_font(date_line.add_run(date), FANGSONG, SIZE_3)

    def imprint(self, imprint):
        """版记 in 4号仿宋 between rules: thick above 抄送 and below the 印发 line, thin between."""
        # the rules are as wide as the text block (7.4.1), so the one-character margins of
        # 抄送 and of the 印发 line are a full-width space and a right tab, not indents
        self.document.add_paragraph()
        copy_to = self.document.add_paragraph()
        _border(copy_to, "top", size_eighths=8)
        _border(copy_to, "bottom", size_eighths=4)
        set_font(copy_to.add_run(f"\u3000抄送：{imprint.copy_to}。"), FANGSONG, SIZE_4)
        printed = self.document.add_paragraph()
        printed_on = f"{chinese_date(imprint.printed_on)}印发"
        line_chars = BLOCK_WIDTH / Pt(SIZE_4.pt + CHAR_CONDENSE_TWIPS / 20)
        # a long 印发机关 gives up the two margins to stay on one line with its date
        fits = width_in_characters(imprint.printed_by + printed_on) + 2 <= line_chars - 1
        margin = "\u3000" if fits else ""
        printed.paragraph_format.tab_stops.add_tab_stop(
            BLOCK_WIDTH - (SIZE_4 if fits else 0), WD_TAB_ALIGNMENT.RIGHT
        )
        _border(printed, "bottom", size_eighths=8)
        set_font(printed.add_run(f"{margin}{imprint.printed_by}"), FANGSONG, SIZE_4)
        set_font(printed.add_run(f"\t{printed_on}"), FANGSONG, SIZE_4)

    def content(self):
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
