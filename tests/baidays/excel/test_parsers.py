import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baidays.excel.errors import CellError
from baidays.excel.parsers import SeqLabel, normalize, parse_amount, parse_date, parse_seq
from core.bounds import SEQ_MAX

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
amounts = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2)


@given(amounts)
def test_an_amount_reads_the_same_from_text_full_width_and_separated_forms(amount):
    plain = f"{amount:.2f}"
    grouped = f"{amount:,.2f}"
    assert parse_amount(plain) == amount
    assert parse_amount(grouped) == amount
    assert parse_amount(grouped.translate(FULL_WIDTH)) == amount
    assert parse_amount(f" {plain} 万元") == amount


@given(amounts)
def test_a_numeric_cell_becomes_the_decimal_excel_shows(amount):
    parsed = parse_amount(float(amount))
    assert isinstance(parsed, Decimal)
    assert parsed == amount
    assert parsed.as_tuple().exponent == -2


@given(st.integers(min_value=0, max_value=10**11))
def test_an_integer_cell_gets_two_places(value):
    assert str(parse_amount(value)) == f"{value}.00"


@given(amounts.filter(lambda a: a > 0))
def test_a_negative_amount_is_refused(amount):
    with pytest.raises(CellError, match="负数"):
        parse_amount(-amount)
    with pytest.raises(CellError, match="负数"):
        parse_amount(f"-{amount}")


@given(st.text().filter(lambda t: normalize(t) and not any(c.isdigit() for c in normalize(t))))
def test_text_without_digits_is_not_an_amount(text):
    with pytest.raises(CellError):
        parse_amount(text)


def test_amount_examples():
    assert parse_amount(None) is None
    assert parse_amount("") is None
    assert parse_amount(0.1 + 0.2) == Decimal("0.30")
    assert parse_amount("1.78亿元") == Decimal("17800.00")
    assert parse_amount("１，１５６") == Decimal("1156.00")
    with pytest.raises(CellError, match="日期"):
        parse_amount(datetime.date(2026, 5, 8))
    with pytest.raises(CellError, match="不是数字"):
        parse_amount("约100")


dates = st.dates(min_value=datetime.date(1960, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(dates)
def test_a_date_reads_the_same_in_every_spelling(day):
    assert parse_date(day) == day
    assert parse_date(datetime.datetime.combine(day, datetime.time())) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_date(f"{day.year}/{day.month}/{day.day}") == day
    assert parse_date(f"{day.year}年{day.month}月{day.day}日".translate(FULL_WIDTH)) == day


@given(st.text(alphabet="abc年月日-/ xyz", min_size=1))
def test_text_that_is_no_date_is_refused(text):
    if not normalize(text):
        assert parse_date(text) is None
        return
    with pytest.raises(CellError):
        parse_date(text)


def test_date_examples():
    assert parse_date(None) is None
    assert parse_date("2026-05-08 00:00:00") == datetime.date(2026, 5, 8)
    assert parse_date(46150) == datetime.date(2026, 5, 8)
    with pytest.raises(CellError, match="有效日期"):
        parse_date("2026-02-30")
    with pytest.raises(CellError, match="不是日期"):
        parse_date("五月上旬")


def test_seq_accepts_numbers_stored_as_text():
    assert parse_seq("１") == 1
    assert parse_seq(3.0) == 3
    assert parse_seq("4、") == 4
    with pytest.raises(CellError):
        parse_seq("甲")


@pytest.mark.parametrize("label", ["1-1", "2.3", "（一）", "一", "十二", "(三)"])
def test_seq_labels_offices_write_are_labels_not_numbers(label):
    found = parse_seq(label)
    assert isinstance(found, SeqLabel) and not isinstance(found, int)


def test_a_seq_goes_up_to_the_portal_bound_and_no_further():
    assert SEQ_MAX == 20000  # a province-size annex: more than four digits of rows
    assert parse_seq(12000) == 12000
    assert parse_seq(SEQ_MAX) == SEQ_MAX
    assert parse_seq(str(SEQ_MAX)) == SEQ_MAX
    with pytest.raises(CellError, match=f"序号应为 1 至 {SEQ_MAX} 的整数"):
        parse_seq(SEQ_MAX + 1)


cell_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


@given(cell_values)
def test_any_cell_is_an_amount_of_two_places_or_a_chinese_cell_error(value):
    try:
        amount = parse_amount(value)
    except CellError as error:
        assert any("\u4e00" <= char <= "\u9fff" for char in str(error))
    else:
        assert amount is None or (
            isinstance(amount, Decimal) and amount >= 0 and amount.as_tuple().exponent == -2
        )


@given(cell_values)
def test_any_cell_is_a_date_or_a_chinese_cell_error(value):
    try:
        day = parse_date(value)
    except CellError as error:
        assert any("\u4e00" <= char <= "\u9fff" for char in str(error))
    else:
        assert day is None or type(day) is datetime.date


def test_the_largest_amount_passes_and_a_cent_more_is_refused_by_name():
    assert parse_amount("999999999999.99") == Decimal("999999999999.99")
    assert parse_amount("999999999999.994") == Decimal("999999999999.99")
    for too_big in ("999999999999.995", 1e26, Decimal("1e30"), "1000000000000"):
        with pytest.raises(CellError, match="金额过大"):
            parse_amount(too_big)
