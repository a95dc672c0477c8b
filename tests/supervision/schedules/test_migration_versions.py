"""Migrating to schedule versions: an item's existing weeks become its first version, in
effect from when they were first added (simple_history's record), by whom; the lag as of a
day before that follows the linear default."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.generation import install_triggers, remove_triggers

BEFORE = [("supervision", "0002_bound_numbers_and_texts_of_main_additions")]
AFTER = [("supervision", "0005_weeks_belong_to_versions")]
ADDED = datetime.datetime(2026, 6, 10, 4, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    # the triggers are written for today's tables (a 进度计划 week finds its campaign through
    # its version): PostgreSQL keeps them across the backward migration, SQLite drops them
    remove_triggers()
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf())
    install_triggers()  # a migration that rebuilds a SQLite table drops its triggers


def executor_leaf():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_existing_weeks_become_the_version_in_effect_from_their_creation(old_apps):
    from tests import factories as f

    campaign = f.CampaignFactory()
    project = f.ProjectFactory(campaign=campaign)
    unscheduled = f.ProjectFactory(campaign=campaign)
    user = f.UserFactory(username="planner")
    PlanWeek = old_apps.get_model("supervision", "PlanWeek")
    History = old_apps.get_model("supervision", "HistoricalPlanWeek")
    for week, amount in ((1, "40.00"), (3, "60.00")):
        row = PlanWeek.objects.create(project_id=project.pk, week=week, planned_wan=amount)
        History.objects.create(
            id=row.pk,
            project_id=project.pk,
            week=week,
            planned_wan=amount,
            history_date=ADDED + datetime.timedelta(minutes=week),
            history_type="+",
            history_user_id=user.pk,
        )
    migrate(AFTER)

    from core.own_plan import planned_to_date_cents
    from supervision.schedules.models import ScheduleVersion

    version = ScheduleVersion.objects.get()
    assert (version.project_id, version.effective_from, version.created_by_id) == (
        project.pk,
        ADDED + datetime.timedelta(minutes=1),
        user.pk,
    )
    assert version.superseded_at is None and version.source == "migrated"
    assert sorted(version.weeks.values_list("week", flat=True)) == [1, 3]
    assert not ScheduleVersion.objects.filter(project_id=unscheduled.pk).exists()
    linear = planned_to_date_cents(project, campaign, 3, plan_weeks={})
    assert planned_to_date_cents(project, campaign, 3, as_of=datetime.date(2026, 6, 9)) == linear
    assert planned_to_date_cents(project, campaign, 3, as_of=datetime.date(2026, 6, 10)) == 10000
