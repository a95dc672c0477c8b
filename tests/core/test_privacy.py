"""Phone numbers by role: in full for the roles that call people, masked (138****0101) for
everyone else, on pages."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.privacy import mask_phone
from tests import factories as f
from tests.baidays.weekly.support import running_campaign

FULL = "13800000101"
MASKED = "138****0101"


def test_a_mobile_number_is_masked_in_the_middle():
    assert mask_phone(FULL) == MASKED
    assert mask_phone("0575-86001234") == "057****1234"
    assert mask_phone("") == ""
    assert mask_phone("12345") == "****"


@given(st.text(alphabet="0123456789-", min_size=8, max_size=20))
def test_a_masked_number_hides_all_but_seven_characters(number):
    masked = mask_phone(number)
    assert masked == number[:3] + "****" + number[-4:]
    assert len(masked) == 11


@pytest.fixture
def entry(department, own_enterprise):
    return f.CompetitionEntryFactory(
        campaign=running_campaign(),
        enterprise=own_enterprise,
        responsible_department=department,
        legal_representative="张三",
        phone=FULL,
    )


@pytest.mark.django_db
def test_staff_see_the_number_in_full(staff_client, entry):
    html = staff_client.get(f"/enterprises/entries/{entry.pk}/").content.decode()
    assert FULL in html


@pytest.mark.django_db
def test_an_enterprise_account_never_receives_the_full_number(enterprise_client, entry):
    html = enterprise_client.get(f"/enterprises/entries/{entry.pk}/").content.decode()
    assert MASKED in html
    assert FULL not in html
