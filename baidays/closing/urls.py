from django.urls import path

from baidays.closing import feedback_views, lookback_views, summary_views, views

app_name = "closing"

urlpatterns = [
    path("briefing/<int:week>/", views.NarrativeView.as_view(), name="narrative"),
    path("briefing/<int:week>/issue/", views.NarrativeIssueView.as_view(), name="narrative-issue"),
    path(
        "supervision/<int:pk>/receipt/",
        views.SupervisionReceiptView.as_view(),
        name="supervision-receipt",
    ),
    path("summary/", summary_views.WorkSummaryListView.as_view(), name="summaries"),
    path("summary/<int:pk>/", summary_views.WorkSummaryView.as_view(), name="summary"),
    path("lookback/", lookback_views.LookBackView.as_view(), name="lookback"),
    path(
        "lookback/<int:pk>/complete/",
        lookback_views.FollowUpCompleteView.as_view(),
        name="follow-up-complete",
    ),
    path("feedback/", feedback_views.FeedbackListView.as_view(), name="feedback"),
    path(
        "feedback/<int:pk>/link/",
        feedback_views.FeedbackLinkIssueView.as_view(),
        name="feedback-link-issue",
    ),
    path(
        "feedback/<int:pk>/answer/",
        feedback_views.FeedbackAnswerView.as_view(),
        name="feedback-answer",
    ),
    path(
        "feedback/link/<str:token>/",
        feedback_views.FeedbackLinkAnswerView.as_view(),
        name="feedback-link",
    ),
]
