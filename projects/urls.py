from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<int:pk>/photos/", views.ProjectPhotoUploadView.as_view(), name="photo-upload"),
    path(
        "<int:pk>/photos/<int:photo_pk>/<str:variant>/",
        views.ProjectPhotoFileView.as_view(),
        name="photo-file",
    ),
    path("<int:pk>/instructions/", views.ProjectInstructionView.as_view(), name="instruct"),
]
