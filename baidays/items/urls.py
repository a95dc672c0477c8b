"""URLs of the item pages. They keep the namespaces of the apps whose items they show
(`projects:detail`, `enterprises:entry-detail`); baidays/urls.py mounts them there."""

from django.urls import path

from . import pages

project_patterns = [
    path("<int:pk>/", pages.ProjectDetailView.as_view(), name="detail"),
    path("<int:pk>/photos/", pages.ProjectPhotoUploadView.as_view(), name="photo-upload"),
    path(
        "<int:pk>/photos/<int:photo_pk>/<str:variant>/",
        pages.ProjectPhotoFileView.as_view(),
        name="photo-file",
    ),
    path("<int:pk>/instructions/", pages.ProjectInstructionView.as_view(), name="instruct"),
    path("<int:pk>/schedule/", pages.ProjectScheduleView.as_view(), name="schedule"),
    path(
        "<int:pk>/schedule/nodes/",
        pages.ProjectScheduleNodesView.as_view(),
        name="schedule-nodes",
    ),
]

entry_patterns = [
    path("entries/<int:pk>/", pages.EntryDetailView.as_view(), name="entry-detail"),
    path("entries/<int:pk>/photos/", pages.EntryPhotoUploadView.as_view(), name="entry-photo"),
    path(
        "entries/<int:pk>/photos/<int:photo_pk>/<str:variant>/",
        pages.EntryPhotoFileView.as_view(),
        name="entry-photo-file",
    ),
    path(
        "entries/<int:pk>/instructions/",
        pages.EntryInstructionView.as_view(),
        name="entry-instruct",
    ),
    path("entries/<int:pk>/goal/", pages.EntryGoalView.as_view(), name="entry-goal"),
    path(
        "entries/<int:pk>/schedule/",
        pages.EntryScheduleView.as_view(),
        name="entry-schedule",
    ),
    path(
        "entries/<int:pk>/schedule/nodes/",
        pages.EntryScheduleNodesView.as_view(),
        name="entry-schedule-nodes",
    ),
]
