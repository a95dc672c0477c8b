"""The item page shared by projects and 争先杯 entries: reads (timeline, chart series, photos,
problems, 批示) and writes (photos, 批示, marking 批示 read)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from baidays.items.photos import prepare_photo
from baidays.items.schedule import schedule_card
from baidays.weekly.selectors import CUMULATIVE_RULE
from core.access import require_item_writer
from core.campaign_settings import CampaignRules
from core.lag import rule_text
from core.models import Instruction
from core.money import ZERO, percent
from core.own_plan import own_plan_lag, plan_weeks_of
from core.roles import is_staff_member
from core.selectors import report_week_as_of
from core.storage import files_kept_only_if_all_saved
from core.uploads import validate_upload_pixels


def instructions_for(item):
    return Instruction.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("author__person", "read_by__person")


def timeline(kind, item, up_to_week=None):
    """The item's reports up to the week, oldest first, each with the cumulative investment
    up to it — summed over the reports that count (ProgressReportQuerySet.counted), so the
    page agrees with every dashboard; a report still in review is listed but not added."""
    reports = kind.report_model.objects.filter(**{kind.item_field: item})
    if up_to_week is not None:
        reports = reports.filter(report_week__lte=up_to_week)
    counted = set(reports.counted().values_list("pk", flat=True))
    reports = list(reports.select_related("reporter__person").order_by("report_week"))
    running = ZERO
    for report in reports:
        report.counts = report.pk in counted
        if report.counts:
            running += report.week_investment_wan
        report.cumulative_wan = running
    return reports


def chart_series(campaign, item, reports, as_of, schedule_weeks):
    """Week by week: cumulative investment as % of the 100-day plan against the 计划完成率 of
    the item's own schedule (`schedule_weeks`) and time progress."""
    last_week = report_week_as_of(campaign, as_of)
    by_week = {report.report_week: report for report in reports}
    weeks, cumulative, planned_share, time_share, weekly = [], [], [], [], []
    plan_share = [str(row.percent) for row in schedule_weeks[:last_week]]
    running = ZERO
    for week in range(1, last_week + 1):
        report = by_week.get(week)
        if report is not None:
            running = report.cumulative_wan
        end = min(campaign.week_end(week), campaign.end_date)
        weeks.append(f"第{week}周")
        weekly.append(str(report.week_investment_wan) if report else None)
        cumulative.append(str(running))
        planned_share.append(str(percent(running, item.planned_investment_wan)))
        time_share.append(str(campaign.time_percent(min(end, as_of))))
    return {
        "weeks": weeks,
        "weekly_wan": weekly,
        "cumulative_wan": cumulative,
        "cumulative_percent": planned_share,
        "plan_percent": plan_share,
        "time_percent": time_share,
    }


def problems_for(item):
    """The active problems shown on an item's page (the item's model says which are its own)."""
    return item.own_problems().active().select_related("responsible_department")


def item_page(kind, item, user, as_of=None):
    """The item as it stood at the end of `as_of` (today when not given): its reports of the
    weeks up to then, and the photos, problems and 批示 that existed by then."""
    today = timezone.localdate()
    as_of = min(as_of or today, today)
    campaign = item.campaign
    reports = timeline(kind, item, up_to_week=report_week_as_of(campaign, as_of))
    completed = reports[-1].cumulative_wan if reports else ZERO
    awaiting = sum((r.week_investment_wan for r in reports if not r.counts), ZERO)
    latest_percent = reports[-1].percent_complete if reports else ZERO
    time_percent = campaign.time_percent(as_of)
    plan_weeks = plan_weeks_of(item, as_of)
    lag, plan_percent, planned_to_date = own_plan_lag(
        item,
        campaign,
        report_week_as_of(campaign, as_of),
        CampaignRules.of(campaign),
        as_of,
        plan_weeks,
    )
    card = schedule_card(item, campaign, as_of, plan_weeks, is_past=as_of < today)
    return {
        "kind": kind,
        "item": item,
        # the item's plan block, kept by the app that owns its model
        "plan_template": f"{item._meta.app_label}/_plan.html",
        "campaign": campaign,
        "as_of": as_of,
        "is_past": as_of < today,
        "reports": list(reversed(reports)),
        "completed_wan": completed,
        "awaiting_wan": awaiting,
        "cumulative_rule": CUMULATIVE_RULE,
        "completed_share": percent(completed, item.planned_investment_wan),
        "latest_percent": latest_percent,
        "time_percent": time_percent,
        "lag": lag,
        "plan_percent": plan_percent,
        "planned_to_date_wan": planned_to_date,
        "lag_rule": rule_text(campaign),
        "chart": chart_series(campaign, item, reports, as_of, card["schedule_weeks"]),
        **card,
        "photos": list(
            kind.photo_model.objects.filter(
                **{kind.item_field: item}, uploaded_at__date__lte=as_of
            ).select_related("report")
        ),
        "problems": list(problems_for(item).raised_by(as_of).with_status_as_of(as_of)),
        "instructions": list(instructions_for(item).written_by(as_of)),
        "current_week": max(1, report_week_as_of(campaign, today)),
    }


def mark_instructions_read(item, user):
    """A staff member opening the item page has read its 批示."""
    if not is_staff_member(user):
        return 0
    return (
        instructions_for(item)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now(), read_by=user)
    )


MAX_PHOTOS_PER_UPLOAD = 10


@transaction.atomic
def add_photos(*, kind, item, user, uploads, caption="", taken_on=None):
    """Store checked, upright photos with their thumbnails, linked to the report of the week
    they were taken in when it has one. All of them or, when one is refused, none."""
    require_item_writer(user)
    today = timezone.localdate()
    taken = taken_on or today
    if taken > today:
        raise ValidationError({"taken_on": "拍摄日期不能晚于今天"})
    # the model's own date rule, before any file is decoded or written
    kind.photo_model(**{kind.item_field: item}, taken_on=taken).clean()
    if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
        raise ValidationError(
            {"image": f"一次最多上传 {MAX_PHOTOS_PER_UPLOAD} 张照片，您选择了 {len(uploads)} 张"}
        )
    validate_upload_pixels(uploads)
    prepared, refused = [], []
    for upload in uploads:
        try:
            prepared.append(prepare_photo(upload))
        except ValidationError as exc:
            refused.extend(exc.messages)
    if refused:
        raise ValidationError(
            {"image": [*refused, "所选照片都没有保存，请去掉有问题的照片后重新上传"]}
        )
    report = None
    if item.campaign.contains(taken):
        report = kind.report_model.objects.filter(
            **{kind.item_field: item}, report_week=item.campaign.week_of(taken)
        ).first()
    photos, written = [], []
    # a full disk half-way: no photo saved, no file left behind, a message instead of a 500
    with files_kept_only_if_all_saved(written):
        for image, thumbnail in prepared:
            photo = kind.photo_model(
                **{kind.item_field: item},
                caption=caption.strip(),
                taken_on=taken,
                uploaded_by=user,
                report=report,
            )
            photo.image.save(image.name, image, save=False)
            written.append(photo.image)
            photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
            written.append(photo.thumbnail)
            photo.full_clean()
            photo.save()
            photos.append(photo)
    return photos
