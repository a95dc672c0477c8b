"""Reports as review sees them: the campaign's reports (figures take `.counted()`, the one rule
of ProgressReportQuerySet) and how many of a week's are still 待审核 or 退回."""

from django.db.models import Count

from core.choices import ReportState
from core.registry import TRACKED_KINDS


def campaign_reports(campaign):
    """Every report on the campaign's active tracked items, whatever its state: one queryset
    per registered kind, in its order (projects, then 争先杯 entries)."""
    return tuple(
        kind.report_model.objects.filter(
            **{f"{kind.item_field}__in": kind.model.objects.active().filter(campaign=campaign)}
        )
        for kind in TRACKED_KINDS.values()
    )


def review_counts(campaign, week):
    """(pending, returned): the week's reports in review, which do not count yet."""
    counts = {ReportState.PENDING: 0, ReportState.RETURNED: 0}
    for reports in campaign_reports(campaign):
        grouped = (
            reports.filter(report_week=week, state__in=list(counts))
            .order_by()
            .values("state")
            .annotate(n=Count("pk"))
        )
        for row in grouped:
            counts[row["state"]] += row["n"]
    return counts[ReportState.PENDING], counts[ReportState.RETURNED]
