"""The archive page: coordinators and archivists see the deliveries to the e-archive and start
one (one view per action: the page, the export, the download)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import permissions
from archive import selectors, services
from archive.forms import ExportForm
from lib.forms import submit


def _page(request, form: ExportForm, status: int = 200):
    return render(
        request,
        "archive/deliveries.html",
        {"form": form, "deliveries": selectors.deliveries()},
        status=status,
    )


@login_required
def delivery_list(request):
    permissions.require(permissions.can_export_archive(request.user))
    return _page(request, ExportForm())


@login_required
@require_POST
def export(request):
    permissions.require(permissions.can_export_archive(request.user))
    form = ExportForm(request.POST)
    delivery = submit(
        form,
        lambda data: services.export_year(
            group=data["group"], year=data["year"], out=settings.ARCHIVE_ROOT, by=request.user
        ),
    )
    if delivery is None:
        return _page(request, form, status=400)
    messages.success(
        request,
        f"Paketet {delivery.package_id} är exporterat: {delivery.records} handlingar, "
        f"SHA-256 {delivery.sha256}.",
    )
    return redirect(reverse("archive:delivery_list") + "#leveranser")


@login_required
def download(request, pk: int):
    permissions.require(permissions.can_export_archive(request.user))
    delivery = selectors.delivery(pk)
    path = settings.ARCHIVE_ROOT / delivery.file_name if delivery else None
    if path is None or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=delivery.file_name)
