"""Runs inside a bench database's environment: times `supervise` over the current campaign in
one process, `--rounds` times, each round inside a transaction that is rolled back so every
round starts from the same data — the campaign's 督办单 removed, then the first run of the day
(opens), the same day again (changes nothing) and eight days later (escalates the unresolved
ones, opens and closes by that week's findings). Beside each round, the reference: reading
everything supervise looks at — the campaign's items, their counted reports and plan weeks —
into Python with bare `values_list` queries, deciding nothing. Prints JSON."""

import argparse
import datetime
import json
import os
import time

import django

LATER_DAYS = 8  # past the default escalation days (7): unresolved 黄牌 turn 红牌


def bare_read(campaign):
    """Every row supervise's findings depend on, read without deciding anything; returns how
    many rows were read."""
    from enterprises.models import CompetitionEntry, EntryReport
    from projects.models import Project, ProjectReport
    from supervision.schedules.models import PlanWeek

    rows = 0
    for model, reports, field in (
        (Project, ProjectReport, "project"),
        (CompetitionEntry, EntryReport, "entry"),
    ):
        items = model.objects.active().filter(campaign=campaign)
        rows += len(
            list(items.values_list("pk", "planned_investment_wan", "responsible_department_id"))
        )
        rows += len(
            list(
                reports.objects.counted()
                .filter(**{f"{field}__campaign": campaign})
                .values_list(field, "report_week", "week_investment_wan")
            )
        )
        rows += len(
            list(
                PlanWeek.objects.filter(
                    **{f"version__{field}__campaign": campaign, "version__superseded_at": None}
                ).values_list(f"version__{field}", "week", "planned_wan")
            )
        )
    return rows


def timed(call):
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from core.models import Campaign
    from supervision.causes import tracked_items
    from supervision.models import Supervision
    from supervision.services import supervise

    today = timezone.localdate()
    later = today + datetime.timedelta(days=LATER_DAYS)
    campaign = Campaign.objects.current(today)
    out = {
        "campaign": campaign.slug,
        "as_of": today.isoformat(),
        "later": later.isoformat(),
        "items": sum(items.active().count() for items, _leader in tracked_items(campaign)),
        "reference_s": [],
        "first_s": [],
        "again_s": [],
        "later_s": [],
    }
    bare_read(campaign)  # warm-up: connection, page cache
    for _ in range(args.rounds):
        seconds, out["reference_rows"] = timed(lambda: bare_read(campaign))
        out["reference_s"].append(seconds)
        with transaction.atomic():
            Supervision.objects.filter(campaign=campaign).delete()
            for key, day in (("first", today), ("again", today), ("later", later)):
                seconds, counts = timed(lambda day=day: supervise(campaign=campaign, as_of=day))
                out[f"{key}_s"].append(seconds)
                out[f"{key}_counts"] = counts
            transaction.set_rollback(True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
