# The 进度计划 in versions, each in effect from its time until replaced (step 1 of 3: the new
# table and columns; 0004 moves the existing weeks into versions, 0005 drops the old columns).
# Three migrations because PostgreSQL refuses to alter a table in the transaction that wrote
# its rows while deferred triggers (core.generation) are pending.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0008_problem_satisfaction_source_and_names"),
        ("projects", "0007_refuse_invisible_characters_in_names"),
        ("supervision", "0002_bound_numbers_and_texts_of_main_additions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ScheduleVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "effective_from",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="生效时间"
                    ),
                ),
                (
                    "superseded_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="停止生效时间"),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("page", "页面填写"),
                            ("import", "Excel 导入"),
                            ("cleared", "恢复为线性默认"),
                            ("migrated", "原有进度计划"),
                        ],
                        max_length=10,
                        verbose_name="来源",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="说明")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="填写人",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedule_versions",
                        to="enterprises.competitionentry",
                        verbose_name="争先杯项目",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedule_versions",
                        to="projects.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "进度计划版本",
                "verbose_name_plural": "进度计划版本",
                "ordering": ["-effective_from", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["project", "effective_from", "superseded_at"],
                        name="scheduleversion_project",
                    ),
                    models.Index(
                        fields=["entry", "effective_from", "superseded_at"],
                        name="scheduleversion_entry",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("entry__isnull", True), ("project__isnull", False)),
                            models.Q(("entry__isnull", False), ("project__isnull", True)),
                            _connector="OR",
                        ),
                        name="scheduleversion_one_item",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("superseded_at__isnull", True),
                            ("superseded_at__gte", models.F("effective_from")),
                            _connector="OR",
                        ),
                        name="scheduleversion_superseded_after_effective",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(
                            ("project__isnull", False), ("superseded_at__isnull", True)
                        ),
                        fields=("project",),
                        name="scheduleversion_one_current_per_project",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(
                            ("entry__isnull", False), ("superseded_at__isnull", True)
                        ),
                        fields=("entry",),
                        name="scheduleversion_one_current_per_entry",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="planweek",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="weeks",
                to="supervision.scheduleversion",
                verbose_name="进度计划版本",
            ),
        ),
        migrations.AddField(
            model_name="historicalschedulenode",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="schedulenode",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="版本"),
        ),
    ]
