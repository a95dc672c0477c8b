"""The park map: the plan image of the park (总平面图) an admin uploads per campaign, and where
each project sits on it (a pin in percent of the image's width and height, so the map scales)."""

from django.db import models
from django.db.models import Q

PERCENT_DIGITS = {"max_digits": 5, "decimal_places": 2}


class ParkPlan(models.Model):
    campaign = models.OneToOneField(
        "baidays.Campaign",
        on_delete=models.PROTECT,
        related_name="park_plan",
        verbose_name="百日行动",
    )
    image = models.ImageField("总平面图", upload_to="park-plans/")
    title = models.CharField("图名", max_length=100, default="园区总平面图")
    uploaded_at = models.DateTimeField("上传时间", auto_now=True)

    # campaign-wide, no owning unit: its files are served only by the map's leader-checked view
    owner_unit_path = None

    class Meta:
        verbose_name = "园区总平面图"
        verbose_name_plural = "园区总平面图"
        ordering = ["campaign"]

    def __str__(self):
        return f"{self.campaign} · {self.title}"


class ProjectPin(models.Model):
    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="map_pin", verbose_name="项目"
    )
    x_percent = models.DecimalField("横向位置（%）", **PERCENT_DIGITS)
    y_percent = models.DecimalField("纵向位置（%）", **PERCENT_DIGITS)

    class Meta:
        verbose_name = "项目在总平面图上的位置"
        verbose_name_plural = "项目在总平面图上的位置"
        ordering = ["project"]
        constraints = [
            models.CheckConstraint(
                condition=Q(x_percent__gte=0, x_percent__lte=100),
                name="projectpin_x_within_the_plan",
                violation_error_message="横向位置应在 0–100% 之间",
            ),
            models.CheckConstraint(
                condition=Q(y_percent__gte=0, y_percent__lte=100),
                name="projectpin_y_within_the_plan",
                violation_error_message="纵向位置应在 0–100% 之间",
            ),
        ]

    def __str__(self):
        return f"{self.project}（{self.x_percent}%，{self.y_percent}%）"
