"""Refuse input that no field of ours can hold, before it reaches a query."""

from django.http import HttpResponseBadRequest


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
