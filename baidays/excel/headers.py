"""Finding an annex's header by meaning. Every visible sheet and every start row among the
first rows is tried with a header of one, two or three rows; each column's header path (group
cells carried over their sub-headers, merged or not) is matched against the annex's concept
table, and the candidate that places the most columns wins (fewer rows on a tie). Units are
read from the header path, or from a 单位/金额单位 line above the table."""

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from openpyxl.utils import get_column_letter

from baidays.excel.concepts import ANNEX_CONCEPTS, best_concepts
from baidays.excel.errors import WorkbookError
from baidays.excel.layouts import AMOUNT

HEADER_SEARCH_ROWS = 30
MAX_HEADER_ROWS = 3
UNIT_FACTORS = {"万元": 1, "亿元": 10000, "元": "0.0001"}  # to 万元; Decimal-exact strings
_UNIT = re.compile(r"\((?:单位:?)?(亿元|万元|元|亿|万)\)|单位:?(亿元|万元|元)|(亿元|万元)$")
_UNIT_LINE = re.compile(r"(?:金额)?单位[:]?(亿元|万元|元)")
_BRACKETS = str.maketrans("【】〔〕［］", "()()()")


@dataclass
class Header:
    sheet_name: str
    first_row: int  # Excel row numbers of the header's first and last rows
    last_row: int
    positions: dict  # column key -> 0-based column index
    texts: dict  # column key -> header as written (its lowest cell)
    units: dict = field(default_factory=dict)  # amount column key -> 万元 / 亿元 / 元 or None
    unknown: list = field(default_factory=list)  # (column letter, header path, why)
    hidden: list = field(default_factory=list)  # (column letter, header path) of hidden columns
    # amount key -> [(column index, period as written)] of its parts: months (or 旬) under a
    # group ("百日计划投资" over 5月…8月) or month columns alone; the key's own column, if any,
    # is their total
    parts: dict = field(default_factory=dict)


def normalize_header(text):
    """A header as matched: NFKC (full-width letters and brackets become half-width), every
    space, line break, "*" and "/" removed."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_BRACKETS)
    return re.sub(r"[\s*/／]+", "", text)


def split_unit(text):
    """(header without its unit, unit or None): "投资（亿元）" -> ("投资", "亿元")."""
    match = _UNIT.search(text)
    if not match:
        return text, None
    unit = next(group for group in match.groups() if group)
    unit = {"亿": "亿元", "万": "万元"}.get(unit, unit)
    return (_UNIT.sub("", text) or text), unit


def path_key(parts):
    """The header path as matched and as remembered in a column mapping: its cells normalised,
    units dropped, joined ("计划时间/开始（万元）" and "计划时间开始" are one key)."""
    return "".join(split_unit(normalize_header(part))[0] for part in parts)


def header_key(text):
    """The key of a header typed by the admin ("百日计划/投资"): split where the file's rows are."""
    return path_key(re.split(r"[/／]", str(text)))


def _is_text(cell):
    return cell is None or isinstance(cell, str)


def _filled(rows, merged, start, depth):
    """The header rows with each merged range's value copied into all its cells, and, where the
    file has no merge information, a group cell carried right over the sub-headers under it."""
    grid = [list(rows[start + offset]) for offset in range(depth)]
    width = max(len(row) for row in grid)
    for row in grid:
        row.extend([None] * (width - len(row)))
    merges = [m for m in merged if start <= m[0][0] < start + depth]
    for (top, left), (bottom, right) in merges:
        value = grid[top - start][left] if left < width else None
        for r in range(top, min(bottom, start + depth - 1) + 1):
            for c in range(left, min(right, width - 1) + 1):
                grid[r - start][c] = value
    if merges:
        return grid, width
    for upper, lower in zip(grid, grid[1:], strict=False):
        for c in range(1, width):
            under = lower[c] not in (None, "") and lower[c - 1] not in (None, "")
            if upper[c] in (None, "") and upper[c - 1] and under:
                upper[c] = upper[c - 1]
    return grid, width


def _paths(grid, width):
    """Per column, the header cells from top to bottom as written, repeats dropped."""
    paths = []
    for c in range(width):
        parts = []
        for row in grid:
            cell = row[c]
            text = "" if cell is None else str(cell).strip()
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append(parts)
    return paths


@dataclass
class _Candidate:
    sheet: object
    start: int
    depth: int
    paths: list
    keys: dict  # column index -> key
    ties: dict  # column index -> keys it may be
    ignored: set  # column indices the admin mapped to 忽略
    parts: dict = field(default_factory=dict)  # amount key -> [(column index, period)]

    @property
    def score(self):
        return len(set(self.keys.values()) | set(self.parts))

    @property
    def rank(self):
        """Most columns placed; then fewest columns saying one key twice (a group merged over
        its months read as one row says it once per month); then fewest titled columns left
        unplaced ("其中" over months read as one row); then fewest header rows."""
        repeats = len(self.keys) - len(set(self.keys.values()))
        in_parts = sum(len(found) for found in self.parts.values())
        titled = sum(1 for path in self.paths if path)
        unplaced = titled - len(self.keys) - len(self.ignored) - in_parts
        return (self.score, -repeats, -unplaced, -self.depth)


def _classify(concepts, mappings, paths):
    keys, ties, ignored = {}, {}, set()
    for index, parts in enumerate(paths):
        if not parts:
            continue
        mapped = mappings.get(path_key(parts))
        if mapped is not None:
            if mapped:
                keys[index] = mapped
            else:
                ignored.add(index)
            continue
        found = _meaning(concepts, parts)
        if len(found) == 1:
            keys[index] = found[0]
        elif found:
            ties[index] = found
    return keys, ties, ignored


def _meaning(concepts, parts):
    """The keys a header path says: its sub-header alone first (a group's words must not
    override a clear sub-header: "百日行动计划/总投资" is 总投资), then with its groups."""
    found = []
    for depth in range(1, len(parts) + 1):
        found = best_concepts(concepts, path_key(parts[-depth:])) or found
        if len(found) == 1:
            return found
    return found


_PERIOD = re.compile(r"^(?:\d{4}年)?\d{1,2}月(?:份)?(?:上旬|中旬|下旬)?$")
AMOUNT_KEYS = ("planned_investment_wan", "total_investment_wan", "annual_planned_wan")
_PARTS_ALONE = "planned_investment_wan"  # month columns without a group: the 100-day plan


def _parts(concepts, paths, keys, ties):
    """Columns whose lowest header is a month or 旬 under an amount group (or alone, for the
    100-day plan): taken out of `keys` and returned as the group's parts."""
    known = {item.key for item in concepts}
    parts = {}
    for index, path in enumerate(paths):
        if not path or not _PERIOD.match(split_unit(normalize_header(path[-1]))[0]):
            continue
        if len(path) == 1:
            found = [_PARTS_ALONE]
        elif _AMONG.match(path_key(path[:-1])):
            found = _left_amount(keys, index)  # "其中" over months: parts of the column left
        else:
            found = _meaning(concepts, path[:-1])
        if len(found) == 1 and found[0] in AMOUNT_KEYS and found[0] in known:
            keys.pop(index, None)
            ties.pop(index, None)
            parts.setdefault(found[0], []).append((index, path[-1]))
    return parts


_AMONG = re.compile(r"^其中[:：]?$")


def _left_amount(keys, index):
    """The amount column nearest left of `index` (a "其中" group's total), as a one-key list."""
    for left in range(index - 1, -1, -1):
        if keys.get(left) in AMOUNT_KEYS:
            return [keys[left]]
    return []


def _candidates(sheet, rows, concepts, mappings):
    for start in range(len(rows)):
        if sum(1 for cell in rows[start] if isinstance(cell, str) and cell.strip()) < 2:
            continue
        for depth in range(1, MAX_HEADER_ROWS + 1):
            if start + depth > len(rows) or not all(map(_is_text, rows[start + depth - 1])):
                break
            grid, width = _filled(rows, sheet.merged, start, depth)
            paths = _paths(grid, width)
            for index in sheet.hidden_columns:  # a stale column the clerk hid is not read
                if index < width:
                    paths[index] = []
            keys, ties, ignored = _classify(concepts, mappings, paths)
            parts = _parts(concepts, paths, keys, ties)
            if len(set(keys.values()) | set(parts)) >= 2:
                yield _Candidate(sheet, start, depth, paths, keys, ties, ignored, parts)


def best_candidate(sheet, rows, concepts, mappings):
    """The header among a sheet's first `rows` that places the most columns (fewer header rows
    on a tie), or None."""
    return max(
        _candidates(sheet, rows, concepts, mappings or {}), key=lambda c: c.rank, default=None
    )


def missing_columns(layout, candidate):
    """The headers of the columns `layout` must have that `candidate` does not place."""
    placed = set(candidate.keys.values()) | set(candidate.parts)
    return [c.header for c in layout.columns if c.in_header and c.key not in placed]


def not_found(layout):
    names = "、".join(f"“{column.header}”" for column in layout.columns[:4])
    return WorkbookError(
        f"找不到{layout.label}的表头：前 {HEADER_SEARCH_ROWS} 行中没有包含 {names} 等列名的行"
    )


def header_of(layout, candidate, rows):
    by_key = {}
    for index, key in sorted(candidate.keys.items()):
        by_key.setdefault(key, []).append(index)
    _refuse_repeats(layout, candidate, by_key)
    positions = {key: indices[0] for key, indices in by_key.items()}
    texts = {key: candidate.paths[index][-1] for key, index in positions.items()}
    for key, found in candidate.parts.items():
        # without a total column, the column is the group, named as the file names it
        path = candidate.paths[found[0][0]]
        texts.setdefault(key, path[-2] if len(path) > 1 else layout.column(key).header)
    header = Header(
        candidate.sheet.name,
        candidate.start + 1,
        candidate.start + candidate.depth,
        positions,
        texts,
        parts=dict(candidate.parts),
    )
    _refuse_missing(layout, header, candidate)
    header.unknown = _unknown(layout, candidate)
    header.hidden = _hidden(candidate, rows)
    header.units = _units(layout, candidate, positions, rows[: candidate.start])
    return header


def _hidden(candidate, rows):
    """(column letter, header as written) of the hidden columns that have a header."""
    if not candidate.sheet.hidden_columns:
        return []
    grid, width = _filled(rows, candidate.sheet.merged, candidate.start, candidate.depth)
    paths = _paths(grid, width)
    return [
        (get_column_letter(index + 1), "/".join(paths[index]))
        for index in sorted(candidate.sheet.hidden_columns)
        if index < width and paths[index]
    ]


def _unknown(layout, candidate):
    """(column letter, header path as written, why) of every titled column not placed."""
    unknown = []
    for index, parts in enumerate(candidate.paths):
        in_parts = any(index == i for found in candidate.parts.values() for i, _ in found)
        if not parts or index in candidate.keys or index in candidate.ignored or in_parts:
            continue
        maybe = candidate.ties.get(index)
        why = "可能是" + "或".join(f"“{layout.column(k).header}”" for k in maybe) if maybe else ""
        unknown.append((get_column_letter(index + 1), "/".join(parts), why))
    return unknown


def _refuse_repeats(layout, candidate, by_key):
    for key, indices in by_key.items():
        if len(indices) > 1:
            names = "”“".join("/".join(candidate.paths[i]) for i in indices)
            raise WorkbookError(
                f"{layout.label}表头中“{names}”都是“{layout.column(key).header}”列，"
                "无法确定用哪一列：请删去或改名其中一列"
            )


def _refuse_missing(layout, header, candidate):
    missing = missing_columns(layout, candidate)
    if missing:
        found = "、".join("/".join(parts) for parts in candidate.paths if parts)
        hints = [hint for hint in (_nearest(layout, candidate, name) for name in missing) if hint]
        raise WorkbookError(
            f"{layout.label}表头缺少“{'”“'.join(missing)}”列（表头第 {header.first_row} 行"
            f"中找到的列：{found}）" + "".join(hints)
        )


def _nearest(layout, candidate, missing):
    """The header the file has that is most like the missing column, and the --map that
    would place it: "。最接近的是 C 列“工程项目”：如它就是“项目名称”，请加 --map …"."""
    column = next(c for c in layout.columns if c.header == missing)
    words = [path_key([missing])]
    words += [
        path_key([s])
        for c in ANNEX_CONCEPTS[layout.number]
        if c.key == column.key
        for s in c.spellings
    ]
    placed = set(candidate.keys) | {i for found in candidate.parts.values() for i, _ in found}
    best = (0.0, None)
    for index, parts in enumerate(candidate.paths):
        if not parts or index in placed:
            continue
        text = path_key(parts)
        score = max(SequenceMatcher(None, text, word).ratio() for word in words)
        if score > best[0]:
            best = (score, index)
    if best[1] is None:
        return ""
    written = "/".join(candidate.paths[best[1]])
    letter = get_column_letter(best[1] + 1)
    return (
        f"。最接近的是 {letter} 列“{written}”：如它就是“{missing}”，"
        f'请加 --map "{written}={missing}" 重新导入'
    )


def _units(layout, candidate, positions, rows_above):
    table_unit = _unit_line(rows_above)
    units = {}
    for column in layout.columns:
        if column.kind != AMOUNT or column.key not in {*positions, *candidate.parts}:
            continue
        index = positions.get(column.key, candidate.parts.get(column.key, [(0,)])[0][0])
        parts = candidate.paths[index]
        own = [split_unit(normalize_header(part))[1] for part in reversed(parts)]
        units[column.key] = next((unit for unit in own if unit), table_unit)
    return units


def _unit_line(rows):
    """The unit of a "单位：万元" / "金额单位：亿元" line above the table, if any."""
    for row in reversed(rows):
        for cell in row:
            if isinstance(cell, str):
                match = _UNIT_LINE.search(normalize_header(cell))
                if match:
                    return match.group(1)
    return None
