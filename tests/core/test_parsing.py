"""core.parsing: the one reader of ids, weeks and counts from a request."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.parsing import MAX_DB_INTEGER, MalformedNumber, parse_int, parse_optional_int


@pytest.mark.parametrize(
    "raw", ["²", "+2", " 2", "2\n", "-1", "٣", "2.0", "1e3", "", "0x10", "9" * 5000, "２"]
)
def test_refuses_everything_but_plain_ascii_digits(raw):
    with pytest.raises(MalformedNumber) as caught:
        parse_int(raw, label="单位编号")
    assert "单位编号" in str(caught.value)


def test_refuses_numbers_beyond_the_database_integer_range():
    assert parse_int(str(MAX_DB_INTEGER)) == MAX_DB_INTEGER
    with pytest.raises(MalformedNumber):
        parse_int(str(MAX_DB_INTEGER + 1))
    with pytest.raises(MalformedNumber):
        parse_int("101", maximum=100)


def test_refuses_non_strings():
    with pytest.raises(MalformedNumber):
        parse_int(None)
    assert parse_optional_int(None, default=7) == 7
    assert parse_optional_int("", default=7) == 7


@given(st.integers(min_value=0, max_value=MAX_DB_INTEGER))
def test_reads_every_integer_in_range_back(number):
    assert parse_int(str(number)) == number


@given(st.text(max_size=12))
def test_any_text_is_an_int_in_range_or_malformed(raw):
    try:
        value = parse_int(raw)
    except MalformedNumber:
        assert not (raw.isascii() and raw.isdigit() and int(raw) <= MAX_DB_INTEGER)
    else:
        assert 0 <= value <= MAX_DB_INTEGER and str(value) == raw.lstrip("0").rjust(1, "0")
