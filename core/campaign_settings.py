"""The rules of one campaign that the county sets in the admin, not in the environment: the lag
thresholds, how long a 督办单 stays 黄牌, and the weights of the unit assessment (考核).
A campaign without a saved row uses the defaults (CampaignRules.of)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.bounds import COUNT_MAX


class LeagueOrder(models.TextChoices):
    """What the 红黑榜 ranks the 争先杯 entries by (the boards themselves are the lag colour)."""

    SHARE = "share", "按投资完成率"
    PLAN = "plan", "按超前于本项目进度计划的百分点"


WEIGHT_KWARGS = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class CampaignRules(models.Model):
    campaign = models.OneToOneField(
        "baidays.Campaign",
        verbose_name="百日行动",
        on_delete=models.CASCADE,
        related_name="rules",
    )
    yellow_points = models.DecimalField(
        "黄色阈值（百分点）",
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="投资完成率低于计划完成率不超过此值为黄色，超过为红色",
    )
    yellow_weeks_to_red = models.PositiveSmallIntegerField(
        "连续黄色周数转红",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(COUNT_MAX)],
        help_text="连续这么多个周报周为黄色，即按红色处理",
    )
    league_order = models.CharField(
        "红黑榜排名依据",
        max_length=10,
        choices=LeagueOrder.choices,
        default=LeagueOrder.SHARE,
        help_text="红黑榜的名次按此排列；列入红榜或黑榜由滞后规则决定",
    )
    escalation_days = models.PositiveSmallIntegerField(
        "黄牌升级红牌天数",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(COUNT_MAX)],
    )
    answer_days = models.PositiveSmallIntegerField(
        "督办答复期限（天）",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(COUNT_MAX)],
    )
    weight_reports = models.DecimalField("按时报送（满分）", default=Decimal("40"), **WEIGHT_KWARGS)
    weight_on_plan = models.DecimalField(
        "按计划推进（满分）", default=Decimal("60"), **WEIGHT_KWARGS
    )
    penalty_yellow = models.DecimalField("每张黄牌扣分", default=Decimal("1"), **WEIGHT_KWARGS)
    penalty_red = models.DecimalField("每张红牌扣分", default=Decimal("3"), **WEIGHT_KWARGS)
    penalty_late_answer = models.DecimalField(
        "每次督办逾期答复扣分", default=Decimal("2"), **WEIGHT_KWARGS
    )
    penalty_late_closed = models.DecimalField(
        "每项逾期办结扣分", default=Decimal("1"), **WEIGHT_KWARGS
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign"]
        verbose_name = "考核与督办规则"
        verbose_name_plural = "考核与督办规则"
        constraints = [
            models.CheckConstraint(
                condition=Q(yellow_points__gte=0) & Q(yellow_points__lte=100),
                name="campaignrules_yellow_points_0_100",
                violation_error_message="黄色阈值应在 0–100 之间",
            ),
            models.CheckConstraint(
                condition=Q(yellow_weeks_to_red__gte=1)
                & Q(escalation_days__gte=1)
                & Q(answer_days__gte=1),
                name="campaignrules_periods_positive",
                violation_error_message="周数和天数至少为 1",
            ),
        ]

    def __str__(self):
        return f"{self.campaign} 的规则"

    @classmethod
    def of(cls, campaign):
        """The campaign's saved rules, or the defaults (unsaved) when it has none; read once
        per campaign instance."""
        cached = getattr(campaign, "_rules_of_campaign", None)
        if cached is None:
            try:
                cached = campaign.rules
            except cls.DoesNotExist:
                cached = cls(campaign=campaign)
            campaign._rules_of_campaign = cached
        return cached
