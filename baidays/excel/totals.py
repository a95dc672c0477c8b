"""Checking a file's own 合计 / 总计 and 小计 rows against the rows they cover, in 万元 after
unit conversion: a file whose total disagrees with its rows has a wrong row or a wrong total,
and either way it must not be imported as if nothing were wrong."""

from dataclasses import dataclass, field
from decimal import Decimal

from baidays.excel.errors import RowProblem

TOLERANCE = Decimal("0.01")
_BOTH_LEVELS = frozenset({1, 2})


@dataclass
class _Written:
    number: int  # Excel row
    label: str  # 合计 or 小计
    figures: dict  # amount key -> Decimal written (万元), only the filled cells
    covered: dict  # amount key -> Decimal summed over the rows it covers


@dataclass
class TotalsCheck:
    headers: dict  # amount key -> header as written
    grand: dict = field(default_factory=dict)
    # the grand sums when each section level started (or had its last 小计): a section's sum
    # is the grand sum since, so a data row adds to one dict only
    marks: dict = field(default_factory=lambda: {1: {}, 2: {}})
    fresh: frozenset = frozenset()  # levels that had data rows since their 小计
    written: list = field(default_factory=list)
    leading: list = field(default_factory=list)  # totals above the rows they cover
    unchecked: list = field(default_factory=list)  # (row, header): formulas without a value
    seen_rows: bool = False
    hidden: list = field(default_factory=list)  # hidden data rows, not imported nor summed

    def add_row(self, amounts):
        """A data row's exact amounts in 万元."""
        self.seen_rows = True
        self.fresh = _BOTH_LEVELS
        grand = self.grand
        for key, amount in amounts.items():
            if amount is not None:
                grand[key] = grand.get(key, 0) + amount

    def start_section(self, level=1):
        """A section row of `level` starts: its sums and those of deeper levels restart."""
        for depth in self.marks:
            if depth >= level:
                self.marks[depth] = dict(self.grand)

    def since(self, depth):
        mark = self.marks[depth]
        return {key: amount - mark.get(key, 0) for key, amount in self.grand.items()}

    def subtotal(self, number, figures):
        """A 小计 closes the deepest level with rows since its last 小计: after a （一） group's
        小计, the next 小计 with no rows between is its 一、 section's."""
        depth = 2 if 2 in self.fresh else 1
        self.written.append(_Written(number, "小计", figures, self.since(depth)))
        self.marks[depth] = dict(self.grand)
        self.fresh = self.fresh - {depth}
        if depth == 1:
            self.marks[2] = dict(self.grand)

    def total(self, number, figures):
        entry = _Written(number, "合计", figures, dict(self.grand))
        # a 合计 printed between the header and the rows covers the rows below it
        (self.written if self.seen_rows else self.leading).append(entry)

    def not_checked(self, number, key):
        self.unchecked.append((number, self.headers[key]))

    def problems(self):
        for entry in self.leading:
            entry.covered = dict(self.grand)
        found = []
        for entry in (*self.leading, *self.written):
            for key, written in entry.figures.items():
                summed = entry.covered.get(key, Decimal(0))
                if abs(written - summed) > TOLERANCE:
                    problem = _disagreement(entry, self.headers[key], written, summed)
                    found.append(self._with_hidden(entry, problem))
        return found

    def _with_hidden(self, entry, problem):
        """A disagreement above hidden rows names them: they are not summed."""
        hidden = [number for number in self.hidden if number < entry.number]
        if not hidden:
            return problem
        numbers = "、".join(str(number) for number in hidden)
        reason = f"{problem.reason}（第 {numbers} 行是隐藏行，未计入；如应计入，请取消隐藏）"
        return RowProblem(problem.row, problem.column, reason)

    def notes(self):
        checked = sorted({(e.number, e.label) for e in (*self.leading, *self.written) if e.figures})
        lines = [f"第 {number} 行{label}已与各行相加核对一致" for number, label in checked]
        lines += [
            f"第 {number} 行“{header}”是没有计算结果的公式，未核对"
            for number, header in self.unchecked
        ]
        return lines


def _disagreement(entry, header, written, summed):
    difference = (written - summed).quantize(TOLERANCE)
    return RowProblem(
        entry.number,
        header,
        f"{entry.label}写的是 {_wan(written)} 万元，但所含各行相加是 {_wan(summed)} 万元"
        f"（相差 {difference} 万元），请核对后再导入",
    )


def _wan(amount):
    return f"{Decimal(amount).quantize(TOLERANCE):.2f}"
