"""Amounts broken down by period: a 百日计划投资 group over 5月 / 6月 / 7月 / 8月 (or 旬), with or
without its own 合计 column, or month columns alone. With a total column the parts must add up
to it; without one, the amount is their sum. The parts are kept on the row (`periods`) in
万元 for the item's 进度计划."""

from decimal import Decimal

from baidays.excel import parsers
from baidays.excel.errors import CellError, RowProblem

TOLERANCE = Decimal("0.01")


def part_label(header, key, period):
    return f"{header.texts[key]}/{period}"


def apply_parts(header, number, cells, values, exact):
    """Fill `values` / `exact` with each broken-down amount of the row; the problems found."""
    problems = []
    for key, parts in header.parts.items():
        summed, periods = Decimal(0), []
        for index, period in parts:
            value = cells[index] if index < len(cells) else None
            if parsers.is_none_word(value):
                value = None
            try:
                amount = parsers.exact_amount(value, header.units.get(key))
            except CellError as error:
                problems.append(RowProblem(number, part_label(header, key, period), str(error)))
                continue
            if amount is not None:
                summed += amount
                periods.append((period, parsers.round_wan(amount)))
        values.setdefault("periods", {})[key] = periods
        problems += _against_total(header, number, key, summed, periods, values, exact)
    return problems


def _against_total(header, number, key, summed, periods, values, exact):
    if key not in header.positions or exact.get(key) is None:
        if periods or key not in header.positions:
            exact[key], values[key] = summed, parsers.round_wan(summed)
        return []
    written = exact[key]
    if abs(written - summed) <= TOLERANCE:
        return []
    names = "、".join(period for period, _ in periods) or "各时段"
    return [
        RowProblem(
            number,
            header.texts[key],
            f"写的是 {written.quantize(TOLERANCE)} 万元，但其下 {names} 相加是 "
            f"{summed.quantize(TOLERANCE)} 万元，请核对后再导入",
        )
    ]


def written_parts(header, key, cells):
    """A 合计 / 小计 row's figure for a broken-down amount without its own column: the sum
    of its part cells (None when they are all empty or not numbers)."""
    total, seen = Decimal(0), False
    for index, _ in header.parts[key]:
        value = cells[index] if index < len(cells) else None
        try:
            amount = parsers.exact_amount(value, header.units.get(key))
        except CellError:
            return None
        if amount is not None:
            total, seen = total + amount, True
    return total if seen else None
