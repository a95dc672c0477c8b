from django.urls import path

from baidays.weekly import plan_views, review_views, views

app_name = "weekly"

urlpatterns = [
    path("", views.WeeklyHomeView.as_view(), name="home"),
    path("week/", views.WeeklyBatchView.as_view(), name="batch"),
    path("review/", review_views.ReviewView.as_view(), name="review"),
    path("done/<str:kind>/<int:pk>/", plan_views.MarkDoneView.as_view(), name="done"),
    path(
        "done/<str:kind>/<int:pk>/evidence/", plan_views.EvidenceFileView.as_view(), name="evidence"
    ),
    path("evaluations/", plan_views.EvaluationListView.as_view(), name="evaluations"),
]
