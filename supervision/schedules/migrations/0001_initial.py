"""The 进度计划 models move here from supervision with their tables, whose names stay
(db_table): state only, nothing in the database changes. supervision's
0007_schedule_models_move_to_schedules_app takes them out of its state."""

import core.validators
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # the tables were made (and last changed) by supervision's migrations
        ('supervision', '0006_schedule_node_text_refuses_invisible_characters'),
        ('enterprises', '0009_problemstatuschange_changed_by'),
        ('projects', '0007_refuse_invisible_characters_in_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalScheduleNode',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('text', models.CharField(max_length=200, validators=[core.validators.validate_visible_name], verbose_name='节点')),
                        ('planned_on', models.DateField(verbose_name='计划日期')),
                        ('reached_on', models.DateField(blank=True, null=True, verbose_name='实际完成日期')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('entry', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='enterprises.competitionentry', verbose_name='争先杯项目')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.project', verbose_name='项目')),
                    ],
                    options={
                        'verbose_name': 'historical 形象进度节点',
                        'verbose_name_plural': 'historical 形象进度节点',
                        'db_table': 'supervision_historicalschedulenode',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ScheduleVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('effective_from', models.DateTimeField(default=django.utils.timezone.now, verbose_name='生效时间')),
                        ('superseded_at', models.DateTimeField(blank=True, null=True, verbose_name='停止生效时间')),
                        ('source', models.CharField(choices=[('page', '页面填写'), ('import', 'Excel 导入'), ('cleared', '恢复为线性默认'), ('migrated', '原有进度计划')], max_length=10, verbose_name='来源')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='填写人')),
                        ('entry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_versions', to='enterprises.competitionentry', verbose_name='争先杯项目')),
                        ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_versions', to='projects.project', verbose_name='项目')),
                    ],
                    options={
                        'verbose_name': '进度计划版本',
                        'verbose_name_plural': '进度计划版本',
                        'db_table': 'supervision_scheduleversion',
                        'ordering': ['-effective_from', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PlanWeek',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('week', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(520)], verbose_name='周次')),
                        ('planned_wan', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=14, validators=[django.core.validators.MinValueValidator(Decimal('0.00'))], verbose_name='计划投资（万元）')),
                        ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='weeks', to='schedules.scheduleversion', verbose_name='进度计划版本')),
                    ],
                    options={
                        'verbose_name': '进度计划（周）',
                        'verbose_name_plural': '进度计划（周）',
                        'db_table': 'supervision_planweek',
                        'ordering': ['version', 'week'],
                    },
                ),
                migrations.CreateModel(
                    name='ScheduleNode',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=200, validators=[core.validators.validate_visible_name], verbose_name='节点')),
                        ('planned_on', models.DateField(verbose_name='计划日期')),
                        ('reached_on', models.DateField(blank=True, null=True, verbose_name='实际完成日期')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                        ('entry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_nodes', to='enterprises.competitionentry', verbose_name='争先杯项目')),
                        ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_nodes', to='projects.project', verbose_name='项目')),
                    ],
                    options={
                        'verbose_name': '形象进度节点',
                        'verbose_name_plural': '形象进度节点',
                        'db_table': 'supervision_schedulenode',
                        'ordering': ['planned_on', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('entry__isnull', True), ('project__isnull', False)), models.Q(('entry__isnull', False), ('project__isnull', True)), _connector='OR'), name='schedulenode_one_item')],
                    },
                ),
                migrations.AddIndex(
                    model_name='scheduleversion',
                    index=models.Index(fields=['project', 'effective_from', 'superseded_at'], name='scheduleversion_project'),
                ),
                migrations.AddIndex(
                    model_name='scheduleversion',
                    index=models.Index(fields=['entry', 'effective_from', 'superseded_at'], name='scheduleversion_entry'),
                ),
                migrations.AddConstraint(
                    model_name='scheduleversion',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('entry__isnull', True), ('project__isnull', False)), models.Q(('entry__isnull', False), ('project__isnull', True)), _connector='OR'), name='scheduleversion_one_item'),
                ),
                migrations.AddConstraint(
                    model_name='scheduleversion',
                    constraint=models.CheckConstraint(condition=models.Q(('superseded_at__isnull', True), ('superseded_at__gte', models.F('effective_from')), _connector='OR'), name='scheduleversion_superseded_after_effective'),
                ),
                migrations.AddConstraint(
                    model_name='scheduleversion',
                    constraint=models.UniqueConstraint(condition=models.Q(('project__isnull', False), ('superseded_at__isnull', True)), fields=('project',), name='scheduleversion_one_current_per_project'),
                ),
                migrations.AddConstraint(
                    model_name='scheduleversion',
                    constraint=models.UniqueConstraint(condition=models.Q(('entry__isnull', False), ('superseded_at__isnull', True)), fields=('entry',), name='scheduleversion_one_current_per_entry'),
                ),
                migrations.AddIndex(
                    model_name='planweek',
                    index=models.Index(fields=['version', 'week', 'planned_wan'], name='planweek_version'),
                ),
                migrations.AddConstraint(
                    model_name='planweek',
                    constraint=models.CheckConstraint(condition=models.Q(('week__gte', 1)), name='planweek_week_positive'),
                ),
                migrations.AddConstraint(
                    model_name='planweek',
                    constraint=models.CheckConstraint(condition=models.Q(('planned_wan__gte', 0)), name='planweek_planned_wan_non_negative', violation_error_message='planned_wan 不能为负数'),
                ),
                migrations.AddConstraint(
                    model_name='planweek',
                    constraint=models.UniqueConstraint(fields=('version', 'week'), name='planweek_one_per_version_week'),
                ),
            ],
        ),
    ]
