"""Runs inside a bench database's environment before the Friday-afternoon load (bench/friday.py):
logs in `--leaders` sessions of the demo leader and one 填报员 in each of the `--staff` units
owning the most projects of the current campaign (created as bench_staff_N when missing), and
prints JSON {"cookie": name, "leaders": [session...], "staff": [session...], "week": n}."""

import argparse
import json
import os

import django


def staff_users(count, campaign):
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q

    from core.choices import Role
    from core.models import Department, Person

    units = (
        Department.objects.annotate(owned=Count("projects", filter=Q(projects__campaign=campaign)))
        .filter(owned__gt=0)
        .order_by("-owned", "pk")[:count]
    )
    users = []
    for number, unit in enumerate(units, start=1):
        user, _ = get_user_model().objects.get_or_create(username=f"bench_staff_{number}")
        person = {"name": f"基准填报员{number}", "department": unit, "role": Role.STAFF}
        Person.objects.update_or_create(user=user, defaults=person)
        users.append(user)
    return users


def session_of(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaders", type=int, default=40)
    parser.add_argument("--staff", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from core.models import Campaign

    campaign = Campaign.objects.current()
    today = timezone.localdate()
    week = campaign.week_of(min(campaign.end_date, max(campaign.start_date, today)))
    leader = get_user_model().objects.get(username="leader")
    print(
        json.dumps(
            {
                "cookie": settings.SESSION_COOKIE_NAME,
                "leaders": [session_of(leader) for _ in range(args.leaders)],
                "staff": [session_of(user) for user in staff_users(args.staff, campaign)],
                "week": week,
                "campaign": campaign.slug,
            }
        )
    )


if __name__ == "__main__":
    main()
