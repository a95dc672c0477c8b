# Weeks belong to a version, no longer to the item directly (step 3 of 3). The versions are
# the schedule's history now (never edited, only replaced), so the week rows' own
# simple_history table goes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("supervision", "0004_existing_weeks_become_versions")]

    operations = [
        migrations.AlterModelOptions(
            name="planweek",
            options={
                "ordering": ["version", "week"],
                "verbose_name": "进度计划（周）",
                "verbose_name_plural": "进度计划（周）",
            },
        ),
        migrations.RemoveConstraint(model_name="planweek", name="planweek_one_item"),
        migrations.RemoveConstraint(model_name="planweek", name="planweek_one_per_project_week"),
        migrations.RemoveConstraint(model_name="planweek", name="planweek_one_per_entry_week"),
        migrations.RemoveIndex(model_name="planweek", name="planweek_project"),
        migrations.RemoveIndex(model_name="planweek", name="planweek_entry"),
        migrations.RemoveField(model_name="planweek", name="entry"),
        migrations.RemoveField(model_name="planweek", name="project"),
        migrations.AlterField(
            model_name="planweek",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="weeks",
                to="supervision.scheduleversion",
                verbose_name="进度计划版本",
            ),
        ),
        migrations.AddIndex(
            model_name="planweek",
            index=models.Index(fields=["version", "week", "planned_wan"], name="planweek_version"),
        ),
        migrations.AddConstraint(
            model_name="planweek",
            constraint=models.UniqueConstraint(
                fields=("version", "week"), name="planweek_one_per_version_week"
            ),
        ),
        migrations.DeleteModel(name="HistoricalPlanWeek"),
    ]
