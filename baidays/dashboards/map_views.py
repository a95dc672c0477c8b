"""The park map page (leaders read it, the admin drags the pins and saves) and its plan image,
served only through core.media.send_upload after the dashboards' role check."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView, View

from core.access import can_administer
from core.media import send_upload
from core.parsing import parse_int

from .models import ParkPlan
from .park_map import park_map, save_pins
from .views import DashboardMixin


class ParkMapView(DashboardMixin, TemplateView):
    template_name = "dashboards/park_map.html"

    def dashboard_context(self):
        return {"map": park_map(self.scope), "can_place": can_administer(self.request.user)}

    def post(self, request, *args, **kwargs):
        if not can_administer(request.user):
            raise PermissionDenied("只有管理员可以摆放项目位置")
        self.resolve_scope()
        if self.campaign is None:
            raise Http404("尚未建立百日行动")
        positions = {}
        for key, value in request.POST.items():
            if key.startswith("pin-") and key.endswith("-x"):
                pk = parse_int(key[4:-2], label="项目编号")
                y = request.POST.get(f"pin-{pk}-y", "")
                if value or y:  # a pin left where it was is not posted back
                    positions[pk] = (value, y)
        try:
            saved = save_pins(user=request.user, campaign=self.campaign, positions=positions)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"位置未保存：{message}")
        else:
            messages.success(request, f"已保存 {saved} 个项目的位置。")
        return redirect(request.get_full_path())


class ParkPlanImageView(DashboardMixin, View):
    def get(self, request):
        self.resolve_scope()
        plan = ParkPlan.objects.filter(campaign=self.campaign).first() if self.campaign else None
        if plan is None or not plan.image:
            raise Http404("尚未上传园区总平面图")
        return send_upload(request, plan.image.name)
