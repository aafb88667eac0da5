"""Refuse input that no field of ours can hold, before it reaches a query."""

import re

from django.conf import settings
from django.http import HttpResponseBadRequest

from lib.forms import MAX_ID


class RejectNullCharactersMiddleware:
    """A NUL character in the path, the query string or a form field is never valid input here,
    and PostgreSQL refuses it in text columns with a server error. Answer 400 in Swedish."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path]
        sources = [request.GET] + ([request.POST] if request.method == "POST" else [])
        for data in sources:
            for key, items in data.lists():
                values.append(key)
                values.extend(v for v in items if isinstance(v, str))
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest(
                "Ogiltiga tecken i förfrågan (NUL-tecken). Kontrollera det du skrev och försök "
                "igen.".encode(),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


# A query parameter is a search word, an id, a date or a page number; none needs more than this.
MAX_QUERY_VALUE_LENGTH = 1000


# Ids, years and counts are 64-bit integers in the database; SQLite and PostgreSQL refuse a
# longer number with a server error (OverflowError / DataError) in any lookup, forms included.
HUGE_INTEGER = re.compile(r"\s*[-+]?\d{19,}\s*")


def _is_huge_integer(value: str) -> bool:
    if not HUGE_INTEGER.fullmatch(value):
        return False
    # More digits than MAX_ID has is huge without int(), which refuses 4,300 digits or more.
    digits = value.strip().lstrip("+-")
    return len(digits) > len(str(MAX_ID)) or int(digits) > MAX_ID


class RejectOverlongInputMiddleware:
    """A query parameter longer than any search or filter needs is refused with a Swedish 400
    before it reaches a query (a 60,000-character LIKE pattern is too complex for SQLite), and so
    is a number too large for any id or count of ours, in the query string or a form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sources = [request.GET] + ([request.POST] if request.method == "POST" else [])
        for data in sources:
            for _key, items in data.lists():
                if any(isinstance(v, str) and _is_huge_integer(v) for v in items):
                    return HttpResponseBadRequest(
                        "Ett tal i förfrågan är för stort. Kontrollera det du skrev och försök "
                        "igen.".encode(),
                        content_type="text/plain; charset=utf-8",
                    )
        for key, items in request.GET.lists():
            if len(key) > MAX_QUERY_VALUE_LENGTH or any(
                len(value) > MAX_QUERY_VALUE_LENGTH for value in items
            ):
                return HttpResponseBadRequest(
                    f"Sökningen eller filtret är för långt (högst {MAX_QUERY_VALUE_LENGTH} "
                    "tecken). Korta texten och försök igen.".encode(),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Tells browsers that no page of ours uses the camera, microphone, location or payments."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
