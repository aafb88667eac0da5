"""What django-ninja's generated OpenAPI document cannot say by itself, added once here.

- Optional authentication declared as OpenAPI 3.1 means it: `[{"TokenAuth": []}, {}]` (a public
  read works with or without a token); one bearer scheme, described.
- `servers`: the configured site address, never the request's Host header.
- Conditional GET: every read documents its `ETag`, the `If-None-Match` header and the `304`.
- Error answers described in Swedish; the 429's `Retry-After`.
- Examples taken from the installation's own structure data (a principal, a decision body), so
  the examples work against this installation and the code names no county.
"""

from __future__ import annotations

from django.db.utils import DatabaseError
from django.utils import timezone

from lib.site import site_url
from structure.models import DecisionBody

SCHEME = "TokenAuth"
OPTIONAL_SCHEME = "OptionalTokenAuth"

ERROR_DESCRIPTIONS = {
    "400": "Förfrågan kunde inte tolkas.",
    "401": "Nyckel saknas eller är ogiltig.",
    "403": "Nyckelns ägare eller nyckelns behörighet räcker inte.",
    "404": "Finns inte, eller är inte offentligt.",
    "409": "Finns redan; svaret pekar ut det som finns.",
    "422": "Ogiltiga uppgifter; `errors` anger fälten.",
    "429": "För många anrop; vänta så många sekunder som `Retry-After` anger.",
}

ETAG = {
    "description": "Svarets version; skicka den i `If-None-Match`.",
    "schema": {"type": "string"},
}
IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "description": "Ett tidigare `ETag`: oförändrat svar ger `304` utan innehåll.",
    "schema": {"type": "string"},
}
NOT_MODIFIED = {
    "description": "Inte ändrat sedan `If-None-Match` (eller `If-Modified-Since`): inget innehåll.",
    "headers": {"ETag": ETAG},
}
RETRY_AFTER = {
    "description": "Sekunder att vänta innan nästa anrop.",
    "schema": {"type": "integer", "minimum": 1},
}


def refine(schema: dict) -> dict:
    schema["servers"] = [{"url": site_url(), "description": "Den här installationen"}]
    schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes.pop(OPTIONAL_SCHEME, None)
    schemes[SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "svk_<id>_<hemlighet>",
        "description": "Personlig API-nyckel från sidan API-nycklar. Läsnycklar skriver aldrig.",
    }
    example = _decision_example()
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            _security(operation)
            _responses(method, operation)
            if method == "get":
                operation.setdefault("parameters", []).append(dict(IF_NONE_MATCH))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body and example and operation.get("operationId") == "registerDecision":
                body["example"] = example
    return schema


def _security(operation: dict) -> None:
    requirements = operation.get("security")
    if not requirements:
        return
    optional = any(OPTIONAL_SCHEME in requirement for requirement in requirements)
    operation["security"] = [{SCHEME: []}, {}] if optional else [{SCHEME: []}]


def _responses(method: str, operation: dict) -> None:
    # django-ninja keys the answers by int; the document's keys are strings.
    responses = {str(status): answer for status, answer in operation.get("responses", {}).items()}
    operation["responses"] = responses
    for status, description in ERROR_DESCRIPTIONS.items():
        if status in responses:
            responses[status]["description"] = description
    if "429" in responses:
        responses["429"].setdefault("headers", {})["Retry-After"] = RETRY_AFTER
    if method == "get":
        responses.setdefault("200", {}).setdefault("headers", {})["ETag"] = ETAG
        responses["304"] = NOT_MODIFIED


def _decision_example() -> dict | None:
    """A registration as this installation's data would take it (None on an empty database)."""
    try:
        body = DecisionBody.objects.select_related("principal").order_by("pk").first()
    except DatabaseError:
        return None
    if body is None:
        return None
    return {
        "principal": body.principal.code,
        "outcome": "approved",
        "body": body.pk,
        "decided_on": timezone.localdate().isoformat(),
        "reference": "§ 42",
    }
