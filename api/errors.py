"""Every API error is JSON with a stable `code` and a Swedish `message`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

MESSAGES = {
    400: ("bad_request", "Förfrågan kunde inte tolkas."),
    401: ("unauthorized", "Ange en giltig API-nyckel: Authorization: Bearer <nyckel>."),
    403: ("forbidden", "Du har inte behörighet att göra detta."),
    404: ("not_found", "Det du söker finns inte."),
    405: ("method_not_allowed", "Metoden stöds inte här."),
    409: ("conflict", "Det finns redan."),
    422: ("invalid_input", "Ogiltiga uppgifter: kontrollera parametrarna."),
    429: ("rate_limited", "För många anrop. Försök igen om en stund."),
    500: ("server_error", "Något gick fel hos oss. Försök igen om en stund."),
}


def error_response(status: int, message: str | None = None, **extra) -> JsonResponse:
    code, default = MESSAGES.get(status, ("error", "Något gick fel."))
    body = {"code": code, "message": message or default, **extra}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _field_errors(exc: NinjaValidationError) -> list[dict]:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        errors.append({"field": ".".join(location), "detail": error.get("msg", "")})
    return errors


def install(api) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc):
        return error_response(422, errors=_field_errors(exc))

    @api.exception_handler(DjangoValidationError)
    def refused_by_service(request, exc):
        errors = []
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                errors += [{"field": field, "detail": m} for m in messages]
        else:
            errors = [{"field": "", "detail": m} for m in exc.messages]
        message = " ".join(e["detail"] for e in errors) or None
        return error_response(422, message, errors=errors)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return error_response(403, str(exc) or None)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(404)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        response = error_response(exc.status_code)
        if exc.status_code == 401:
            response["WWW-Authenticate"] = 'Bearer realm="Samverkan API"'
        return response
