"""The overview with a 进度计划 for every item and 督办单 open costs the same queries at two
sizes (the benchmark measures the same at the small and the province size)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CampaignFactory, PhaseFactory
from tests.supervised import DAY, PER_UNIT, populate_supervised

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = CampaignFactory(slug="t2026")
    PhaseFactory(campaign=campaign)
    return campaign


def overview(client):
    response = client.get("/", {"campaign": "t2026", "as_of": DAY})
    assert response.status_code == 200
    return response


def test_the_overview_costs_the_same_queries_at_two_sizes_with_schedules_and_supervision(
    campaign, leader_client, django_assert_num_queries
):
    populate_supervised(campaign, 2)
    overview(leader_client)  # warm-up: content types, the session's first read
    with CaptureQueriesContext(connection) as small:
        response = overview(leader_client)
    assert response.context["summary"]["supervision"]["open"] == 2 * PER_UNIT
    populate_supervised(campaign, 5)
    with django_assert_num_queries(len(small)):
        response = overview(leader_client)
    summary = response.context["summary"]
    assert summary["supervision"]["open"] == 7 * PER_UNIT
    assert summary["infrastructure"]["lagging"]["red"] == 2 * 7
