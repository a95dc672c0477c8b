# An overdue 回头看 follow-up opens a 督办单 of its own cause.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0007_schedule_models_move_to_schedules_app"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="supervision",
            name="supervision_known_cause",
        ),
        migrations.AlterField(
            model_name="historicalsupervision",
            name="cause",
            field=models.CharField(
                choices=[
                    ("red", "投资完成率严重滞后于计划（红色）"),
                    ("yellow_weeks", "连续多周滞后于计划（黄色）"),
                    ("missed_reports", "连续两周未报送周报"),
                    ("decision", "议定事项逾期未完成"),
                    ("problem", "问题逾期未办结"),
                    ("milestone", "规划节点逾期未完成"),
                    ("task", "阶段任务逾期未完成"),
                    ("follow_up", "回头看整改事项逾期未办结"),
                ],
                max_length=16,
                verbose_name="督办原因",
            ),
        ),
        migrations.AlterField(
            model_name="supervision",
            name="cause",
            field=models.CharField(
                choices=[
                    ("red", "投资完成率严重滞后于计划（红色）"),
                    ("yellow_weeks", "连续多周滞后于计划（黄色）"),
                    ("missed_reports", "连续两周未报送周报"),
                    ("decision", "议定事项逾期未完成"),
                    ("problem", "问题逾期未办结"),
                    ("milestone", "规划节点逾期未完成"),
                    ("task", "阶段任务逾期未完成"),
                    ("follow_up", "回头看整改事项逾期未办结"),
                ],
                max_length=16,
                verbose_name="督办原因",
            ),
        ),
        migrations.AddConstraint(
            model_name="supervision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "cause__in",
                        [
                            "red",
                            "yellow_weeks",
                            "missed_reports",
                            "decision",
                            "problem",
                            "milestone",
                            "task",
                            "follow_up",
                        ],
                    )
                ),
                name="supervision_known_cause",
                violation_error_message="未知的督办原因",
            ),
        ),
    ]
