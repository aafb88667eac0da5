"""Sign-in, sign-out, password reset and the second factor (URL names without a namespace, as
Django's auth views expect)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import oidc, views

urlpatterns = [
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("logga-in/sso/", oidc.authentication_init, name="oidc_authentication_init"),
    path("logga-in/sso/klar/", oidc.authentication_callback, name="oidc_authentication_callback"),
    path("logga-in/tvastegs/", views.otp_verify, name="otp_verify"),
    path("logga-in/tvastegs/aktivera/", views.otp_setup, name="otp_setup"),
    path("losenord/aterstall/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "losenord/aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "losenord/aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "losenord/aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
