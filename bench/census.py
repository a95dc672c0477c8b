"""Runs inside a bench database's environment: prints JSON of the sizes a benchmark states —
campaigns, tracked items (all and in the current campaign), weekly reports, plan weeks, and the
current campaign's 督办单 open today by cause."""

import json
import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    django.setup()
    from django.db.models import Count
    from django.utils import timezone

    from core.models import Campaign
    from enterprises.models import CompetitionEntry, EntryReport
    from projects.models import Project, ProjectReport
    from supervision.models import Supervision
    from supervision.schedules.models import PlanWeek

    today = timezone.localdate()
    current = Campaign.objects.current(today)
    tickets = Supervision.objects.filter(campaign=current).open_as_of(today)
    print(
        json.dumps(
            {
                "campaigns": Campaign.objects.count(),
                "items": Project.objects.count() + CompetitionEntry.objects.count(),
                "current_items": Project.objects.filter(campaign=current).count()
                + CompetitionEntry.objects.filter(campaign=current).count(),
                "reports": ProjectReport.objects.count() + EntryReport.objects.count(),
                "plan_weeks": PlanWeek.objects.count(),
                "open_tickets": tickets.count(),
                "open_by_cause": dict(
                    tickets.order_by().values_list("cause").annotate(n=Count("pk"))
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
