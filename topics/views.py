from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from baidays.access import RoleRequiredMixin, can_write_items, require_item_writer
from baidays.selectors import resolve_campaign

from .forms import DecisionFormSet, TopicMeetingForm
from .models import Decision, TopicMeeting
from .services import record_meeting


def campaign_or_404(request):
    campaign = resolve_campaign(request.GET.get("campaign"))
    if campaign is None:
        raise Http404("尚未建立百日行动")
    return campaign


class MeetingListView(RoleRequiredMixin, View):
    def get(self, request):
        campaign = campaign_or_404(request)
        meetings = TopicMeeting.objects.filter(campaign=campaign).prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("responsible_department"),
            )
        )
        return render(
            request,
            "topics/meeting_list.html",
            {
                "campaign": campaign,
                "meetings": meetings,
                "can_write": can_write_items(request.user),
            },
        )


class MeetingCreateView(RoleRequiredMixin, View):
    template_name = "topics/meeting_form.html"

    def get(self, request):
        require_item_writer(request.user)
        campaign_or_404(request)
        return render(
            request,
            self.template_name,
            {"form": TopicMeetingForm(), "decisions": DecisionFormSet(prefix="decisions")},
        )

    def post(self, request):
        require_item_writer(request.user)
        campaign = campaign_or_404(request)
        form = TopicMeetingForm(request.POST)
        decisions = DecisionFormSet(request.POST, prefix="decisions")
        if form.is_valid() and decisions.is_valid():
            rows = [d.cleaned_data for d in decisions.forms if d.cleaned_data]
            try:
                meeting = record_meeting(
                    user=request.user,
                    campaign=campaign,
                    meeting_fields=form.cleaned_data,
                    decisions=rows,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, f"“{meeting.title}”及 {len(rows)} 条议定事项已保存。")
                return redirect("topics:meetings")
        return render(
            request, self.template_name, {"form": form, "decisions": decisions}, status=400
        )
