from django.urls import path

from baidays.security import views

app_name = "security"

urlpatterns = [
    path("second-factor/setup/", views.SecondFactorSetupView.as_view(), name="otp-setup"),
    path("second-factor/verify/", views.SecondFactorVerifyView.as_view(), name="otp-verify"),
    path("audit/", views.AuditLogView.as_view(), name="audit-log"),
    path("audit.xlsx", views.AuditExportView.as_view(), name="audit-export"),
]
