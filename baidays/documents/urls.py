from django.urls import path

from baidays.documents import views

app_name = "documents"

urlpatterns = [
    path("briefing.docx", views.BriefingDocumentView.as_view(), name="briefing"),
    path(
        "supervision/<int:pk>.docx",
        views.SupervisionDocumentView.as_view(),
        name="supervision",
    ),
    path("summary/<int:pk>.docx", views.SummaryDocumentView.as_view(), name="summary"),
]
