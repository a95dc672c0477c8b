from django.urls import path

from baidays.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/read/", views.MessageReadView.as_view(), name="read"),
]
