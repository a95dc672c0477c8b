"""The 回头看 list: the office makes it (today), everyone with a role reads what is theirs (a
unit its own rows, leaders and the office all) as of any day; the unit 办结 its rows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core.access import RoleRequiredMixin, get_visible_or_404, visible_to
from core.forms import add_validation_errors
from core.scope import CampaignScopeMixin

from . import lookback
from .access import can_complete_follow_up, can_make_lookback, require
from .forms import CompleteFollowUpForm
from .models import FollowUp


def lookback_url(campaign):
    return f"{reverse('closing:lookback')}?campaign={campaign.slug}"


class LookBackView(RoleRequiredMixin, CampaignScopeMixin, View):
    template_name = "closing/lookback.html"

    def get(self, request, errors=None):
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        rows = lookback.follow_ups_as_of(
            visible_to(FollowUp.objects.all(), request.user), self.campaign, self.as_of
        )
        for row in rows:
            row.can_complete = (
                not row.done
                and self.as_of >= timezone.localdate()
                and can_complete_follow_up(request.user, row)
            )
        return render(
            request,
            self.template_name,
            {
                "campaign": self.campaign,
                "as_of": self.as_of,
                "rows": rows,
                "open_count": sum(1 for row in rows if not row.done),
                "overdue_count": sum(1 for row in rows if row.overdue),
                "can_make": can_make_lookback(request.user),
                "complete_form": CompleteFollowUpForm(
                    initial={"completed_on": timezone.localdate()}
                ),
                "errors": errors,
            },
        )

    def post(self, request):
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        require(can_make_lookback(request.user), "回头看清单由管委会办公室生成")
        try:
            created = lookback.make_list(
                campaign=self.campaign, user=request.user, today=timezone.localdate()
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"回头看清单新增 {len(created)} 项整改事项")
        return redirect(lookback_url(self.campaign))


class FollowUpCompleteView(RoleRequiredMixin, View):
    def post(self, request, pk):
        follow_up = get_visible_or_404(
            FollowUp.objects.select_related("campaign", "responsible_department"),
            request.user,
            pk=pk,
        )
        require(can_complete_follow_up(request.user, follow_up), "整改事项由责任单位办结")
        form = CompleteFollowUpForm(request.POST)
        if form.is_valid():
            try:
                lookback.complete_follow_up(
                    follow_up=follow_up,
                    user=request.user,
                    today=timezone.localdate(),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "整改事项已办结")
                return redirect(lookback_url(follow_up.campaign))
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(
                    request, f"“{follow_up}”未办结：{label}{'：' if label else ''}{error}"
                )
        return redirect(lookback_url(follow_up.campaign))
