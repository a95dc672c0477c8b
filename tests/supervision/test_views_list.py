"""The 督办 list: a page of 督办单 costs the same queries however many the campaign has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CampaignFactory
from tests.supervised import DAY, PER_UNIT, populate_supervised

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="s2026")


def supervision_list(client, **params):
    response = client.get("/supervision/", {"campaign": "s2026", "as_of": DAY, **params})
    assert response.status_code == 200
    return response


def test_the_list_costs_the_same_queries_at_two_sizes(
    campaign, leader_client, django_assert_num_queries
):
    populate_supervised(campaign, 2)
    supervision_list(leader_client)  # warm-up: content types, the session's first read
    with CaptureQueriesContext(connection) as small:
        response = supervision_list(leader_client)
    assert response.context["counts"]["open"] == 2 * PER_UNIT
    assert len(response.context["page_obj"]) == 2 * PER_UNIT
    populate_supervised(campaign, 5)
    with django_assert_num_queries(len(small)):
        response = supervision_list(leader_client)
    assert response.context["counts"]["open"] == 7 * PER_UNIT
    assert len(response.context["page_obj"]) == 7 * PER_UNIT


def test_a_filtered_list_costs_the_same_queries_at_two_sizes(
    campaign, leader_client, django_assert_num_queries
):
    populate_supervised(campaign, 2)
    supervision_list(leader_client, level="yellow", cause="red")
    with CaptureQueriesContext(connection) as small:
        supervision_list(leader_client, level="yellow", cause="red")
    populate_supervised(campaign, 5)
    with django_assert_num_queries(len(small)):
        response = supervision_list(leader_client, level="yellow", cause="red")
    assert {row.cause for row in response.context["page_obj"]} == {"red"}
