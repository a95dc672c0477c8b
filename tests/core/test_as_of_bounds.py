"""Issue 22 #12: `?as_of=9999-12-31` (or any date whose week arithmetic overflows) is a clear
Chinese message, never a 500: the one place `as_of` is parsed refuses dates outside
2000–2099."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.dates import AS_OF_EARLIEST, AS_OF_LATEST, AsOfError, parse_as_of
from tests import factories as f


@given(st.dates())
def test_every_date_is_either_in_the_sane_range_or_refused_with_a_message(day):
    try:
        parsed = parse_as_of(day.isoformat())
    except AsOfError as exc:
        assert not AS_OF_EARLIEST <= day <= AS_OF_LATEST
        assert "超出可查看的范围" in str(exc)
    else:
        assert parsed == day
        # the week arithmetic of any page stays within Python's dates
        assert parsed + datetime.timedelta(weeks=520) <= datetime.date.max


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["9999-12-31", "0001-01-01", "2100-01-01"])
def test_an_as_of_far_outside_the_campaigns_is_a_message_not_a_500(leader_client, raw):
    f.CampaignFactory(slug="y2026")
    page = leader_client.get(f"/?as_of={raw}")
    assert page.status_code == 200
    assert "超出可查看的范围" in page.content.decode()
    api = leader_client.get(f"/api/summary/?as_of={raw}")
    assert api.status_code == 400
    assert "超出可查看的范围" in api.json()["error"]
