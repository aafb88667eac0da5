"""Root URLs: the public site, the structure pages, sign-in and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("publicsite.urls")),
    path("", include("structure.urls")),
    path("", include("meetings.urls")),
    path("", include("cases.urls")),
    path("", include("workgroups.urls")),
    path("", include("reviews.urls")),
    path("", include("onboarding.urls")),
    path("", include("annualcycle.urls")),
    path("", include("news.urls")),
    path("", include("preparation.urls")),
    path("", include("desk.urls")),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
