from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry-detail"),
    path("entries/<int:pk>/photos/", views.EntryPhotoUploadView.as_view(), name="entry-photo"),
    path(
        "entries/<int:pk>/photos/<int:photo_pk>/<str:variant>/",
        views.EntryPhotoFileView.as_view(),
        name="entry-photo-file",
    ),
    path(
        "entries/<int:pk>/instructions/",
        views.EntryInstructionView.as_view(),
        name="entry-instruct",
    ),
    path("entries/<int:pk>/goal/", views.EntryGoalView.as_view(), name="entry-goal"),
    path("problems/new/", views.ProblemCreateView.as_view(), name="problem-new"),
    path("problems/<int:pk>/", views.ProblemEditView.as_view(), name="problem-edit"),
    path("key/", views.KeyEnterpriseListView.as_view(), name="key-list"),
    path("key/<int:pk>/", views.KeyEnterpriseDetailView.as_view(), name="key-detail"),
    path("promotions/", views.PromotionListView.as_view(), name="promotions"),
    path("land/", views.LandTransferListView.as_view(), name="land"),
]
