import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.selectors import resolve_campaign
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_slug_names_its_campaign():
    campaign = f.CampaignFactory(slug="2026")
    assert resolve_campaign("2026") == campaign


@pytest.mark.parametrize("slug", ["\x00", "20\x0026", "2026\n", "一二", "a" * 51, "../2026"])
def test_a_value_that_cannot_be_a_slug_names_no_campaign(slug):
    f.CampaignFactory(slug="2026")
    assert resolve_campaign(slug) is None


@given(slug=st.text(max_size=60))
def test_any_text_names_a_campaign_or_none_without_a_database_error(slug):
    assert resolve_campaign(slug) is None or resolve_campaign(slug).slug == slug
