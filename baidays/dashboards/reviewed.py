"""Reports as review sees them: the campaign's reports (figures take `.counted()`, the one rule
of ProgressReportQuerySet) and how many of a week's are still 待审核 or 退回."""

from django.db.models import Count

from core.choices import ReportState
from enterprises.models import CompetitionEntry, EntryReport
from projects.models import Project, ProjectReport


def campaign_reports(campaign):
    """Every report on the campaign's active projects and 争先杯 entries, whatever its state."""
    return (
        ProjectReport.objects.filter(
            project__in=Project.objects.active().filter(campaign=campaign)
        ),
        EntryReport.objects.filter(
            entry__in=CompetitionEntry.objects.active().filter(campaign=campaign)
        ),
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
