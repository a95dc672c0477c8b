"""The 进度计划 models (ScheduleVersion, PlanWeek, ScheduleNode and its history) now belong
to the schedules app (supervision.schedules), which keeps their tables: state only, nothing in
the database changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0006_schedule_node_text_refuses_invisible_characters'),
        ('schedules', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='planweek',
                    name='version',
                ),
                migrations.RemoveField(
                    model_name='schedulenode',
                    name='entry',
                ),
                migrations.RemoveField(
                    model_name='schedulenode',
                    name='project',
                ),
                migrations.RemoveField(
                    model_name='scheduleversion',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='scheduleversion',
                    name='entry',
                ),
                migrations.RemoveField(
                    model_name='scheduleversion',
                    name='project',
                ),
                migrations.DeleteModel(
                    name='HistoricalScheduleNode',
                ),
                migrations.DeleteModel(
                    name='PlanWeek',
                ),
                migrations.DeleteModel(
                    name='ScheduleNode',
                ),
                migrations.DeleteModel(
                    name='ScheduleVersion',
                ),
            ],
        ),
    ]
