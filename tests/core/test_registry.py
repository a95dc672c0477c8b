"""The kinds are registered once, by the apps that own them, and every list reads the
registry: a drift between two copies (a unit's counts of 议定事项 of meetings not yet held)
cannot come back."""

import datetime

import pytest

from baidays.dashboards.selectors import Scope
from baidays.dashboards.selectors.departments import owned_counts
from core.registry import COMPLETABLE_KINDS, SUMMARY_SOURCES, TRACKED_KINDS, KindRegistry
from enterprises.models import CompetitionEntry, Problem
from projects.models import Project
from tests import factories as f
from topics.models import Decision

pytestmark = pytest.mark.django_db


def test_the_tracked_kinds_are_registered_in_their_order():
    assert TRACKED_KINDS.keys() == ["project", "entry"]
    assert TRACKED_KINDS.of_model(Project).key == "project"
    assert TRACKED_KINDS.of_model(CompetitionEntry(project_name="x")).item_field == "entry"


def test_every_completable_kind_declares_its_campaign_and_owning_unit():
    assert COMPLETABLE_KINDS.keys() == [
        "decision",
        "power",
        "milestone",
        "task",
        "problem",
        "follow_up",  # the 回头看's, registered by baidays.closing
    ]
    for kind in COMPLETABLE_KINDS.values():
        assert kind.owner_field.endswith("department"), kind.key
    assert COMPLETABLE_KINDS["problem"].model is Problem
    assert not COMPLETABLE_KINDS["problem"].markable


def test_the_summary_reads_the_registered_tables_of_every_app():
    models = set(SUMMARY_SOURCES)
    assert {Project, CompetitionEntry, Problem, Decision} <= models


def test_registering_another_kind_under_a_known_key_is_refused():
    registry = KindRegistry("tracked kind")
    registry.register(TRACKED_KINDS["project"])
    registry.register(TRACKED_KINDS["project"])  # the same kind again is harmless
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(
            TRACKED_KINDS["entry"].__class__(
                **{**TRACKED_KINDS["entry"].__dict__, "key": "project"}
            )
        )


def test_a_decision_counts_in_a_units_responsibilities_from_its_meeting_on():
    campaign = f.CampaignFactory()
    department = f.DepartmentFactory()
    f.DecisionFactory(
        meeting__campaign=campaign,
        meeting__held_on=datetime.date(2026, 6, 10),
        responsible_department=department,
    )
    before = dict(owned_counts(Scope(campaign, datetime.date(2026, 6, 9)), department))
    after = dict(owned_counts(Scope(campaign, datetime.date(2026, 6, 10)), department))
    assert (before["议定事项"], after["议定事项"]) == (0, 1)


def test_every_summary_source_says_how_a_row_finds_its_campaign():
    assert SUMMARY_SOURCES.campaign_paths(Project) == ("campaign",)
    assert SUMMARY_SOURCES.campaign_paths(Problem) == ("campaign",)
    for model in SUMMARY_SOURCES:
        for path in SUMMARY_SOURCES.campaign_paths(model):
            assert path == "pk" or path.endswith("campaign"), model


def test_a_summary_source_registered_again_with_another_campaign_path_is_refused():
    SUMMARY_SOURCES.register(Project, campaign="campaign")  # the same again is harmless
    with pytest.raises(ValueError, match="registered twice"):
        SUMMARY_SOURCES.register(Project, campaign=None)
