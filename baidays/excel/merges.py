"""Cells merged down a column in an annex's data rows, as county tables write 所在区块 / 责任领导
/ 责任单位 / 建设类型 / 企业类别 once for the rows they apply to: the merged cell's value is
every covered row's. A merge down an amount column is refused: one amount cannot be told
apart into the projects it covers, and an amount is never copied to another project."""

from dataclasses import dataclass, field

from baidays.excel.errors import RowProblem


@dataclass
class DownMerges:
    tops: dict = field(default_factory=dict)  # Excel row -> columns whose merge starts there
    fills: dict = field(default_factory=dict)  # Excel row -> [(column, top row)]
    amounts: list = field(default_factory=list)  # (column, first row, last row) over amounts
    values: dict = field(default_factory=dict)  # (top row, column) -> the merged value

    @classmethod
    def of(cls, merged, last_header_row, placed, amount_columns):
        """The merges of `merged` (0-based ranges) below the header that start in a placed
        column and cover more than one row."""
        found = cls()
        for (r1, c1), (r2, _c2) in merged:
            first, last = r1 + 1, r2 + 1
            if last == first or first <= last_header_row or c1 not in placed:
                continue
            if c1 in amount_columns:
                found.amounts.append((c1, first, last))
                continue
            found.tops.setdefault(first, []).append(c1)
            for number in range(first + 1, last + 1):
                found.fills.setdefault(number, []).append((c1, first))
        return found

    def __bool__(self):
        return bool(self.tops or self.amounts)

    def apply(self, number, cells):
        """The row's cells with the merged values of the merges covering it."""
        for column in self.tops.get(number, ()):
            self.values[(number, column)] = cells[column] if column < len(cells) else None
        for column, top in self.fills.get(number, ()):
            if column >= len(cells):
                cells.extend([None] * (column + 1 - len(cells)))
            if cells[column] is None:
                cells[column] = self.values.get((top, column))
        return cells

    def amount_problems(self, data_rows, header_of_column):
        """A merge down an amount column over two or more data rows, by its first row."""
        problems = []
        for column, first, last in self.amounts:
            covered = [number for number in data_rows if first <= number <= last]
            if len(covered) > 1:
                problems.append(
                    RowProblem(
                        first,
                        header_of_column(column),
                        f"金额单元格合并了第 {first}–{last} 行（{len(covered)} 个项目），"
                        "无法判断每个项目的金额：请取消合并，逐行填写",
                    )
                )
        return problems
