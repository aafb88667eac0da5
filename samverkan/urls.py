"""Root URLs: the public site, the structure pages, sign-in and the admin."""

from django.contrib import admin
from django.urls import include, path

from api.main import api

urlpatterns = [
    path("", include("publicsite.urls")),
    path("", include("structure.urls")),
    path("", include("meetings.urls")),
    path("", include("cases.urls")),
    path("", include("followup.urls")),
    path("api/v1/", api.urls),
    path("", include("api.urls")),
    path("oparl/v1/", include("oparl.urls")),
    path("data/", include("opendata.urls")),
    path("", include("accounts.urls")),
    path("", include("audit.urls")),
    path("", include("workgroups.urls")),
    path("", include("reviews.urls")),
    path("", include("onboarding.urls")),
    path("", include("annualcycle.urls")),
    path("", include("news.urls")),
    path("", include("preparation.urls")),
    path("", include("desk.urls")),
    path("", include("searchpage.urls")),
    path("", include("archive.urls")),
    path("admin/", admin.site.urls),
]
