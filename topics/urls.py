from django.urls import path

from topics import views

app_name = "topics"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-new"),
    path("land/", views.LandFilingView.as_view(), name="land"),
    path("approvals/", views.ApprovalCaseView.as_view(), name="approvals"),
]
