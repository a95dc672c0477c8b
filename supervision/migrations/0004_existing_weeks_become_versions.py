# Each item's existing weeks become its first 进度计划 version, in effect from their creation:
# the earliest time simple_history recorded one of them being added (by whom), or — when no
# record is left — from the start of the campaign, so the lag as of any day stays as it was.

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.db.models import Min

ITEMS = (("project", "projects", "Project"), ("entry", "enterprises", "CompetitionEntry"))


def weeks_into_versions(apps, schema_editor):
    PlanWeek = apps.get_model("supervision", "PlanWeek")
    HistoricalPlanWeek = apps.get_model("supervision", "HistoricalPlanWeek")
    ScheduleVersion = apps.get_model("supervision", "ScheduleVersion")
    zone = ZoneInfo(settings.TIME_ZONE)
    for field, app_label, model_name in ITEMS:
        Item = apps.get_model(app_label, model_name)
        item_ids = (
            PlanWeek.objects.filter(**{f"{field}__isnull": False})
            .values_list(f"{field}_id", flat=True)
            .distinct()
        )
        for item in Item.objects.filter(pk__in=list(item_ids)).select_related("campaign"):
            added = HistoricalPlanWeek.objects.filter(**{f"{field}_id": item.pk}, history_type="+")
            first = added.aggregate(first=Min("history_date"))["first"]
            record = added.filter(history_date=first).first() if first else None
            if first is None:
                first = datetime.datetime.combine(item.campaign.start_date, datetime.time(), zone)
            version = ScheduleVersion.objects.create(
                **{field: item},
                effective_from=first,
                source="migrated",
                created_by_id=record.history_user_id if record else None,
            )
            PlanWeek.objects.filter(**{field: item}).update(version=version)


def versions_into_weeks(apps, schema_editor):
    """Back to one set of weeks per item: the current version's; older versions are dropped."""
    PlanWeek = apps.get_model("supervision", "PlanWeek")
    ScheduleVersion = apps.get_model("supervision", "ScheduleVersion")
    PlanWeek.objects.filter(version__superseded_at__isnull=False).delete()
    for version in ScheduleVersion.objects.filter(superseded_at__isnull=True):
        PlanWeek.objects.filter(version=version).update(
            project_id=version.project_id, entry_id=version.entry_id
        )
    ScheduleVersion.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0003_schedule_versions")]

    operations = [migrations.RunPython(weeks_into_versions, versions_into_weeks)]
