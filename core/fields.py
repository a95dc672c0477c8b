"""Field helpers every model of the portal shares: money in 万元 and percentages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core.money import MONEY_KWARGS, ZERO

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def money_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        validators=[MinValueValidator(ZERO)],
        **{**MONEY_KWARGS, "default": ZERO, **kwargs},
    )


def non_negative(field_name, model_label):
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__gte": 0}),
        name=f"{model_label}_{field_name}_non_negative",
        violation_error_message=f"{field_name} 不能为负数",
    )
