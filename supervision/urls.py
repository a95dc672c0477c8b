from django.urls import path

from supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.SupervisionListView.as_view(), name="list"),
    path("<int:pk>/", views.SupervisionNoticeView.as_view(), name="notice"),
    path("<int:pk>/evidence/", views.SupervisionEvidenceView.as_view(), name="evidence"),
]
