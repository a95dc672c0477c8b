from django.urls import path

from baidays.closing import views

app_name = "closing"

urlpatterns = [
    path("briefing/<int:week>/", views.NarrativeView.as_view(), name="narrative"),
    path("briefing/<int:week>/issue/", views.NarrativeIssueView.as_view(), name="narrative-issue"),
    path(
        "supervision/<int:pk>/receipt/",
        views.SupervisionReceiptView.as_view(),
        name="supervision-receipt",
    ),
]
