"""One way to write a date in the interface: 2026年12月1日, and 12月1日 where the year is plain."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from core.dates import cn_date, cn_day, month_span_label


def test_the_interface_writes_dates_without_leading_zeros():
    assert cn_date(datetime.date(2026, 12, 1)) == "2026年12月1日"
    assert cn_day(datetime.date(2026, 6, 5), 2026) == "6月5日"
    assert cn_day(datetime.date(2027, 2, 5), 2026) == "2027年2月5日"


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_every_written_date_reads_back(day):
    text = cn_date(day)
    assert "-" not in text and "年0" not in text and "月0" not in text
    assert datetime.datetime.strptime(text, "%Y年%m月%d日").date() == day
    assert cn_day(day, day.year) == text.split("年", 1)[1]


def test_a_period_is_named_by_its_months_as_the_plan_does():
    d = datetime.date
    assert month_span_label(d(2026, 5, 1), d(2026, 5, 31)) == "5月份"
    assert month_span_label(d(2026, 6, 1), d(2026, 7, 31)) == "6、7月份"
    assert month_span_label(d(2026, 12, 1), d(2027, 1, 31)) == "12、1月份"
    assert month_span_label(d(2026, 5, 1), d(2026, 8, 20)) == "5月至8月"
