from django.contrib import admin

from .models import ParkPlan, ProjectPin
from .park_map import ParkPlanForm


@admin.register(ParkPlan)
class ParkPlanAdmin(admin.ModelAdmin):
    """The admin uploads the park's 总平面图 here; the pins are placed on 大屏 → 园区地图."""

    form = ParkPlanForm
    list_display = ["campaign", "title", "uploaded_at"]


@admin.register(ProjectPin)
class ProjectPinAdmin(admin.ModelAdmin):
    list_display = ["project", "x_percent", "y_percent"]
    list_select_related = ["project"]
