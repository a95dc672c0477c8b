"""Helpers of the weekly-entry tests: a campaign running today (day 46, like the demo), items
of a department, small image files, the batch form's and the 进度计划 editor's POST bodies."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests import factories as f


def running_campaign(day=46):
    start = timezone.localdate() - datetime.timedelta(days=day - 1)
    return f.CampaignFactory(
        slug="now", start_date=start, end_date=start + datetime.timedelta(days=111)
    )


def project_for(campaign, department, **kwargs):
    kwargs.setdefault("planned_investment_wan", Decimal("100.00"))
    return f.ProjectFactory(campaign=campaign, responsible_department=department, **kwargs)


def entry_for(campaign, department, **kwargs):
    return f.CompetitionEntryFactory(campaign=campaign, responsible_department=department, **kwargs)


def image_upload(name="site.jpg", image_format="JPEG", size=(64, 48), exif_orientation=None):
    image = Image.new("RGB", size, (200, 40, 40))
    buffer = io.BytesIO()
    kwargs = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif
    image.save(buffer, image_format, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def batch_post(rows, *, confirm=False):
    """The POST body of the batch form for rows of (item key, version, values)."""
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, (key, version, values) in enumerate(rows):
        data[f"form-{index}-item"] = key
        data[f"form-{index}-version"] = str(version)
        for name in (
            "week_investment_wan",
            "percent_complete",
            "progress_text",
            "problems",
            "next_steps",
            "note",
        ):
            data[f"form-{index}-{name}"] = str(values.get(name, ""))
    if confirm:
        data["confirm_over_plan"] = "on"
    return data


def weeks_post(campaign, amounts, *, version=0, action="save", weeks=None):
    """The weeks form as the page sends it: one row per campaign week (or per `weeks`), the
    amount of each from `amounts` ({week: text}), empty where not given."""
    weeks = list(weeks or range(1, campaign.weeks_total + 1))
    data = {
        "version": str(version),
        "action": action,
        "weeks-TOTAL_FORMS": str(len(weeks)),
        "weeks-INITIAL_FORMS": str(len(weeks)),
        "weeks-MIN_NUM_FORMS": "0",
        "weeks-MAX_NUM_FORMS": "1000",
    }
    for index, week in enumerate(weeks):
        data[f"weeks-{index}-week"] = str(week)
        data[f"weeks-{index}-planned_wan"] = str(amounts.get(week, ""))
    return data


def nodes_post(rows):
    """The nodes form for rows of dicts (id, version, text, planned_on, reached_on, delete)."""
    data = {
        "nodes-TOTAL_FORMS": str(len(rows)),
        "nodes-INITIAL_FORMS": "0",
        "nodes-MIN_NUM_FORMS": "0",
        "nodes-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name in ("id", "version", "text", "planned_on", "reached_on"):
            value = row.get(name, "")
            data[f"nodes-{index}-{name}"] = (
                value.isoformat() if hasattr(value, "isoformat") else str(value)
            )
        if row.get("delete"):
            data[f"nodes-{index}-delete"] = "on"
    return data
