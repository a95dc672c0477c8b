from django.urls import path

from enterprises import views

# mounted with the 争先杯 item pages under the namespace "enterprises" (baidays/urls.py)
urlpatterns = [
    path("problems/new/", views.ProblemCreateView.as_view(), name="problem-new"),
    path("problems/<int:pk>/", views.ProblemEditView.as_view(), name="problem-edit"),
    path("key/", views.KeyEnterpriseListView.as_view(), name="key-list"),
    path("key/<int:pk>/", views.KeyEnterpriseDetailView.as_view(), name="key-detail"),
    path("promotions/", views.PromotionListView.as_view(), name="promotions"),
    path("land/", views.LandTransferListView.as_view(), name="land"),
]
