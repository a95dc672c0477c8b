"""A returned weekly report is told to its reporter at once (an inbox message written in the
review's transaction), not only at the daily 17:00 reminder of returned reports."""

from django.dispatch import receiver
from django.urls import reverse

from baidays.notify.models import Message
from baidays.weekly.signals import report_returned


@receiver(report_returned, dispatch_uid="notify-report-returned")
def tell_reporter(sender, *, report, item, reason, reviewer, **kwargs):
    if report.reporter_id is None:
        return
    person = getattr(reviewer, "person", None)
    reviewer_name = getattr(person, "name", "") or reviewer.get_username()
    Message.objects.create(
        recipient_id=report.reporter_id,
        subject=f"周报被退回：{item.name} 第 {report.report_week} 周"[:200],
        body=(
            f"{reviewer_name}退回了“{item.name}”第 {report.report_week} 周周报。\n"
            f"退回原因：{reason}\n"
            f"请在本周填报页面修改后重新提交：{reverse('weekly:batch')}?week={report.report_week}"
        ),
    )
