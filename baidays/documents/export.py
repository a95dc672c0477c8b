"""Which document a request or a command asks for, as (file name, .docx bytes): the one place
the page buttons and `export_document` resolve their arguments."""

from django.http import Http404

from .documents import briefing_document, supervision_document

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = ("briefing", "supervision")


def week_as_of(campaign, week, as_of):
    """The day a briefing of `week` is read as of: the end of that week (the campaign's last day
    at most), or `as_of` when that is earlier (a week still running)."""
    if not 1 <= week <= campaign.weeks_total:
        raise ValueError(f"第 {week} 周不在本次百日行动的周报周（1—{campaign.weeks_total}）内")
    return min(campaign.week_end(week), campaign.end_date, as_of)


def briefing_file(campaign, as_of):
    return (
        f"工作简报-{campaign.slug}-{as_of.isoformat()}.docx",
        briefing_document(campaign, as_of),
    )


def supervision_file(supervision, as_of):
    return (
        f"督办通知单-{supervision.number}-{as_of.isoformat()}.docx",
        supervision_document(supervision, as_of),
    )


def get_or_404(queryset, pk, what):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(f"没有编号为 {pk} 的{what}")
    return found
