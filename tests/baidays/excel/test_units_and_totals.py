"""Property tests (hypothesis) over unit conversion and the total checks: amounts in 元, 万元
and 亿元 become 万元 exactly before rounding, and a total is refused exactly when it is more
than 0.01 万元 from the rows it covers."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from baidays.excel.parsers import exact_amount, parse_amount
from baidays.excel.totals import TotalsCheck

CENT = Decimal("0.01")
FACTORS = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}
amounts = st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False)


@given(amount=amounts, unit=st.sampled_from(sorted(FACTORS)))
def test_any_amount_in_any_unit_is_converted_exactly_then_rounded(amount, unit):
    expected = (amount * FACTORS[unit]).quantize(CENT, rounding=ROUND_HALF_UP)
    assert parse_amount(str(amount), unit) == expected
    assert parse_amount(f"{amount:,}", unit) == expected


@given(amount=st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_a_number_cell_in_yi_yuan_is_read_as_the_decimal_it_shows(amount):
    shown = Decimal(repr(amount))
    assert exact_amount(amount, "亿元") == shown * 10000


@given(amount=amounts)
def test_a_unit_written_in_the_cell_wins_over_the_columns(amount):
    assert exact_amount(f"{amount}亿元", "元") == amount * 10000


def checked(rows, written):
    check = TotalsCheck({"planned": "百日计划投资"})
    for row in rows:
        check.add_row({"planned": row})
    check.total(99, {"planned": written})
    return check.problems()


@given(rows=st.lists(amounts, max_size=30), unit=st.sampled_from(sorted(FACTORS)))
def test_a_total_equal_to_its_rows_passes_in_any_unit(rows, unit):
    converted = [exact_amount(str(row), unit) for row in rows]
    written = exact_amount(str(sum(rows, Decimal(0))), unit)
    assert checked(converted, written) == []


@given(
    rows=st.lists(amounts, min_size=1, max_size=30),
    delta=st.decimals(min_value=Decimal("-1000"), max_value=1000, places=2, allow_nan=False),
)
def test_a_total_is_refused_exactly_when_it_is_off_by_more_than_a_cent(rows, delta):
    summed = sum(rows, Decimal(0))
    problems = checked(rows, summed + delta)
    if abs(delta) > CENT:
        (problem,) = problems
        assert problem.row == 99 and problem.column == "百日计划投资"
        assert f"{(summed + delta).quantize(CENT)}" in problem.reason
        assert f"{summed.quantize(CENT)}" in problem.reason
    else:
        assert problems == []
