"""下载公文: the .docx of the page beside it, as of the page's day."""

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views import View

from baidays.closing.access import can_read_briefing, require
from baidays.closing.models import WorkSummary
from core.access import RoleRequiredMixin, get_visible_or_404
from core.scope import CampaignScopeMixin
from supervision.models import Supervision

from .export import DOCX_TYPE, briefing_file, get_or_404, summary_file, supervision_file


def docx_response(name, content):
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class BriefingDocumentView(RoleRequiredMixin, CampaignScopeMixin, View):
    def get(self, request):
        require(can_read_briefing(request.user), "工作简报供领导和管理委员会办公室使用")
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        return docx_response(*briefing_file(self.campaign, self.as_of))


class SupervisionDocumentView(RoleRequiredMixin, CampaignScopeMixin, View):
    def get(self, request, pk):
        self.resolve_scope()
        supervision = get_visible_or_404(
            Supervision.objects.select_related("campaign", "department", "leader"),
            request.user,
            pk=pk,
        )
        return docx_response(*supervision_file(supervision, self.as_of))


class SummaryDocumentView(RoleRequiredMixin, CampaignScopeMixin, View):
    def get(self, request, pk):
        require(can_read_briefing(request.user), "工作小结供领导和管委会办公室使用")
        self.resolve_scope()
        work_summary = get_or_404(WorkSummary.objects.select_related("campaign"), pk, "工作小结")
        past = self.as_of < timezone.localdate()
        written = summary_file(work_summary, self.as_of if past else None)
        if written is None:
            raise Http404(f"该工作小结在 {self.as_of:%Y-%m-%d} 尚未起草")
        return docx_response(*written)
