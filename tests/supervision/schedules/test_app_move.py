"""The 进度计划 models moved from supervision into their own app (supervision.schedules) by
state alone: their tables keep their names and neither migration touches the database."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

MOVE = [
    ("schedules", "0001_initial"),
    ("supervision", "0007_schedule_models_move_to_schedules_app"),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("app", "migration"), MOVE)
def test_the_move_runs_no_sql(app, migration):
    out = io.StringIO()
    call_command("sqlmigrate", app, migration, stdout=out)
    statements = [
        line
        for line in out.getvalue().splitlines()
        if line.strip() and not line.startswith("--") and line.strip() not in ("BEGIN;", "COMMIT;")
    ]
    assert statements == []


def test_the_models_keep_their_tables():
    tables = {
        model._meta.object_name: model._meta.db_table
        for model in apps.get_app_config("schedules").get_models()
    }
    assert tables == {
        "ScheduleVersion": "supervision_scheduleversion",
        "PlanWeek": "supervision_planweek",
        "ScheduleNode": "supervision_schedulenode",
        "HistoricalScheduleNode": "supervision_historicalschedulenode",
    }
