"""Root URLs: the public site, the structure pages, sign-in and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("publicsite.urls")),
    path("", include("structure.urls")),
    path("", include("meetings.urls")),
    path("", include("cases.urls")),
    path("", include("accounts.urls")),
    path("", include("audit.urls")),
    path("admin/", admin.site.urls),
]
