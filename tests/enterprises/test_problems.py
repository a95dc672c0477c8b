"""A problem is open or resolved as of a day by its dated status history, never by today's
status: a reopen reopens it everywhere from the day it was reopened."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from enterprises.choices import ProblemStatus
from enterprises.models import Problem
from enterprises.services import save_problem
from tests import factories as f

pytestmark = pytest.mark.django_db

MAY_20 = datetime.date(2026, 5, 20)
JUNE_1 = datetime.date(2026, 6, 1)
JUNE_10 = datetime.date(2026, 6, 10)


def counts(as_of):
    return Problem.objects.active().counts_as_of(as_of)


def test_a_problem_created_resolved_was_open_until_its_resolution_day():
    f.ProblemFactory(raised_on=MAY_20, status=ProblemStatus.RESOLVED, resolved_on=JUNE_1)
    assert counts(MAY_20 - datetime.timedelta(1))["total"] == 0
    assert counts(MAY_20) == {"total": 1, "open": 1, "resolved": 0, "overdue": 0}
    assert counts(JUNE_1)["resolved"] == 1


@time_machine.travel(datetime.datetime(2026, 6, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_a_reopened_problem_is_open_from_the_reopening_day_and_resolved_before():
    problem = f.ProblemFactory(
        raised_on=MAY_20, status=ProblemStatus.RESOLVED, resolved_on=JUNE_1, due_date=None
    )
    problem = Problem.objects.get(pk=problem.pk)
    problem.status = ProblemStatus.OPEN  # reopened; the 解决日期 stays as it was
    save_problem(problem=problem, today=JUNE_10)
    assert counts(JUNE_1)["resolved"] == 1
    assert counts(JUNE_10) == {"total": 1, "open": 1, "resolved": 0, "overdue": 0}
    assert list(Problem.objects.open_as_of(JUNE_10)) == [problem]
    assert not Problem.objects.resolved_as_of(JUNE_10).exists()


def test_saving_without_a_status_change_records_nothing_new():
    problem = f.ProblemFactory(raised_on=MAY_20)
    problem = Problem.objects.get(pk=problem.pk)
    problem.title = "改了标题"
    save_problem(problem=problem, today=JUNE_10)
    assert list(problem.status_changes.values_list("status", "changed_on")) == [
        (ProblemStatus.OPEN, MAY_20)
    ]


def test_a_confirmed_problem_passes_through_resolved_on_its_dates():
    problem = f.ProblemFactory(
        raised_on=MAY_20,
        status=ProblemStatus.CONFIRMED,
        resolved_on=JUNE_1,
        confirmed_on=JUNE_10,
    )
    assert list(problem.status_changes.values_list("status", "changed_on")) == [
        (ProblemStatus.OPEN, MAY_20),
        (ProblemStatus.RESOLVED, JUNE_1),
        (ProblemStatus.CONFIRMED, JUNE_10),
    ]


def test_archived_problems_count_nowhere():
    f.ProblemFactory(raised_on=MAY_20, is_archived=True)
    assert counts(JUNE_1)["total"] == 0


def test_overdue_is_open_past_its_due_date_as_of_the_day():
    f.ProblemFactory(raised_on=MAY_20, due_date=JUNE_1)
    assert counts(JUNE_1)["overdue"] == 0
    assert counts(JUNE_10)["overdue"] == 1


def test_saving_a_problem_by_itself_records_no_status_change():
    problem = f.ProblemFactory(raised_on=MAY_20)
    problem.status = ProblemStatus.IN_PROGRESS
    problem.save()  # no hidden side effect: only the service records the history
    assert list(problem.status_changes.values_list("status", flat=True)) == [ProblemStatus.OPEN]


def test_the_service_records_the_day_passed_in_and_who_changed_the_status(admin_user):
    problem = f.ProblemFactory(raised_on=MAY_20)
    problem.status = ProblemStatus.IN_PROGRESS
    save_problem(problem=problem, user=admin_user, today=JUNE_10)
    change = problem.status_changes.order_by("pk").last()
    assert (change.status, change.changed_on, change.changed_by) == (
        ProblemStatus.IN_PROGRESS,
        JUNE_10,
        admin_user,
    )


def test_a_confirmation_before_the_resolution_is_refused_on_its_field():
    problem = f.ProblemFactory.build(
        campaign=f.CampaignFactory(),
        responsible_department=f.DepartmentFactory(),
        enterprise=f.EnterpriseFactory(),
        raised_on=MAY_20,
        status=ProblemStatus.CONFIRMED,
        resolved_on=JUNE_10,
        confirmed_on=JUNE_1,
        resolution="已解决",
        satisfaction="satisfied",
        satisfaction_source="phone",
    )
    with pytest.raises(ValidationError) as refused:
        problem.full_clean()
    assert refused.value.message_dict["confirmed_on"] == ["企业确认日期不能早于解决日期"]


def test_a_bulk_update_cannot_move_a_status_behind_the_history():
    problem = f.ProblemFactory(raised_on=MAY_20)
    with pytest.raises(ValueError, match="save_problem"):
        Problem.objects.filter(pk=problem.pk).update(status=ProblemStatus.RESOLVED)
    problem.status = ProblemStatus.RESOLVED
    with pytest.raises(ValueError, match="save_problem"):
        Problem.objects.bulk_update([problem], ["status"])
    assert Problem.objects.get(pk=problem.pk).status == ProblemStatus.OPEN
    assert counts(JUNE_10)["open"] == 1


def test_a_bulk_update_of_other_fields_still_works():
    problem = f.ProblemFactory(raised_on=MAY_20)
    assert Problem.objects.filter(pk=problem.pk).update(title="改了标题") == 1
    assert Problem.objects.get(pk=problem.pk).title == "改了标题"
