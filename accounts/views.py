"""Sign-in pages of our own: setting up and verifying the second factor."""

from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from accounts import otp
from accounts.forms import EnrolForm, TokenForm
from lib.forms import apply_service_errors
from structure import county


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
def otp_setup(request):
    """A first app after the password; a new app only in a session verified with the current
    factor (see `accounts.otp`). Anyone else is sent to verify first."""
    verified = request.user.is_verified()
    if not otp.may_enrol(request.user, session_verified=verified):
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('otp_verify')}?{query}")
    replacing = otp.has_device(request.user)
    device = otp.pending_totp_device(request.user)
    form = EnrolForm(request.POST or None, replacing=replacing)
    if request.method == "POST" and form.is_valid():
        try:
            codes = otp.enrol_totp_device(
                user=request.user,
                device=device,
                token=form.cleaned_data["token"],
                current_token=form.cleaned_data.get("current_token", ""),
                session_verified=verified,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            otp_login(request, device)
            return render(
                request, "registration/otp_codes.html", {"codes": codes, "next": _next_url(request)}
            )
    return render(
        request,
        "registration/otp_setup.html",
        {
            "form": form,
            "replacing": replacing,
            "qr": otp.qr_svg_data_uri(device),
            "secret": otp.secret_text(device),
            "next": _next_url(request),
        },
    )


@login_required
def otp_verify(request):
    if not otp.has_device(request.user):
        return redirect("otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", "Koden stämmer inte eller har redan använts. Försök igen.")
    return render(
        request, "registration/otp_verify.html", {"form": form, "next": _next_url(request)}
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with the county's name in the mail (it is rendered without a request)."""

    def form_valid(self, form):
        self.extra_email_context = {"county": county.for_request(self.request)}
        return super().form_valid(form)
