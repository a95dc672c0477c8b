"""The park map's reads and writes: the pins of a campaign's projects coloured by lag (the
tracked items' with_lag), and saving the pins an admin dragged (all or none)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from core.access import can_administer, require_leader_or_admin
from core.uploads import validate_image_upload

from .models import ParkPlan, ProjectPin
from .selectors import KINDS, item_row


class ParkPlanForm(forms.ModelForm):
    """The admin's upload: the image goes through core.uploads' checks."""

    class Meta:
        model = ParkPlan
        fields = ["campaign", "title", "image"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image and hasattr(image, "seek"):
            validate_image_upload(image)
        return image


def park_pins(scope):
    """Every project of the campaign with its lag row and, when placed, its pin."""
    pins = {
        pin.project_id: pin for pin in ProjectPin.objects.filter(project__campaign=scope.campaign)
    }
    rows = []
    projects = KINDS["project"]
    for item in projects.with_lag(scope.campaign, scope).order_by("annex", "seq"):
        row = item_row(item, projects, scope)
        pin = pins.get(item.pk)
        row["x"] = pin.x_percent if pin else None
        row["y"] = pin.y_percent if pin else None
        rows.append(row)
    return rows


def park_map(scope):
    plan = ParkPlan.objects.filter(campaign=scope.campaign).first()
    return {"plan": plan, "pins": park_pins(scope) if plan else []}


def _percent(raw, label):
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{label}“{raw}”不是数字") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise ValidationError(f"{label}应在 0–100 之间，收到 {raw}")
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def save_pins(*, user, campaign, positions):
    """`positions`: {project pk: (x, y)} in percent of the plan image. Only an admin places
    pins; a bad value refuses the whole save, naming the project."""
    require_leader_or_admin(user)
    if not can_administer(user):
        raise ValidationError("只有管理员可以摆放项目位置")
    projects = {p.pk: p for p in KINDS["project"].items(campaign).filter(pk__in=positions)}
    saved = 0
    for pk, (x, y) in positions.items():
        project = projects.get(pk)
        if project is None:
            raise ValidationError(f"项目编号 {pk} 不属于{campaign}")
        pin = ProjectPin.objects.filter(project=project).first() or ProjectPin(project=project)
        pin.x_percent = _percent(x, f"“{project.name}”的横向位置")
        pin.y_percent = _percent(y, f"“{project.name}”的纵向位置")
        pin.full_clean()
        pin.save()
        saved += 1
    return saved
