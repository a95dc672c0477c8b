from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from baidays.dashboards import views as dashboard_views
from baidays.items import urls as item_urls
from core import media, views
from enterprises import urls as enterprise_urls

handler400 = "core.views.bad_request"

admin.site.site_header = "百日行动管理平台"
admin.site.site_title = "百日行动管理平台"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("", dashboard_views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("api/summary/", dashboard_views.SummaryApiView.as_view(), name="api-summary"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("baidays.account_urls")),
    path("archive/<slug:kind>/<int:pk>/", views.ArchiveItemView.as_view(), name="archive-item"),
    path("restore/<slug:kind>/<int:pk>/", views.RestoreItemView.as_view(), name="restore-item"),
    path("admin/", admin.site.urls),
    path("dashboards/", include("baidays.dashboards.urls")),
    path("report/", include("baidays.weekly.urls")),
    path("projects/", include((item_urls.project_patterns, "projects"))),
    path(
        "enterprises/",
        include((item_urls.entry_patterns + enterprise_urls.urlpatterns, "enterprises")),
    ),
    path("topics/", include("topics.urls")),
    path("messages/", include("baidays.notify.urls")),
    path("supervision/", include("supervision.urls")),
    path("closing/", include("baidays.closing.urls")),
    path("documents/", include("baidays.documents.urls")),
    path("security/", include("baidays.security.urls")),
]

urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media.serve, name="media")]
