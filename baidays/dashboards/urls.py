from django.urls import path

from baidays.dashboards import map_views, search_views, views

app_name = "dashboards"

urlpatterns = [
    path("phases/<slug:kind>/", views.PhaseView.as_view(), name="phase"),
    path("departments/", views.DepartmentListView.as_view(), name="departments"),
    path(
        "departments/assessment.xlsx",
        views.AssessmentExcelView.as_view(),
        name="assessment-xlsx",
    ),
    path("departments/<int:pk>/", views.DepartmentDetailView.as_view(), name="department"),
    path("league/", views.LeagueView.as_view(), name="league"),
    path("screen/", views.ScreenView.as_view(), name="screen"),
    path("briefing/", views.BriefingView.as_view(), name="briefing"),
    path("briefing.xlsx", views.BriefingExcelView.as_view(), name="briefing-xlsx"),
    path("lagging/", views.LaggingListView.as_view(), name="lagging"),
    path("missing/", views.MissingListView.as_view(), name="missing"),
    path("map/", map_views.ParkMapView.as_view(), name="park-map"),
    path("map/plan-image/", map_views.ParkPlanImageView.as_view(), name="park-plan-image"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("instructions/", views.InstructionCreateView.as_view(), name="instruction-create"),
]
