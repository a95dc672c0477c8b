"""Which document a request or a command asks for, as (file name, .docx bytes): the one place
the page buttons and `export_document` resolve their arguments."""

from django.http import Http404

from baidays.closing.work_summary import as_it_stood

from .documents import briefing_document, summary_document, supervision_document

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = ("briefing", "supervision", "summary")


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


def summary_file(work_summary, as_of):
    """The 工作小结 as it stood at the end of `as_of` (None when not drafted by then)."""
    stood = as_it_stood(work_summary, as_of)
    if stood is None:
        return None
    return (
        f"工作小结-{work_summary.campaign.slug}-{work_summary.pk}-第{stood.version}版.docx",
        summary_document(stood),
    )


def get_or_404(queryset, pk, what):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(f"没有编号为 {pk} 的{what}")
    return found
