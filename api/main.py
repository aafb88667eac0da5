"""The public API, version 1: one NinjaAPI over the existing selectors and services."""

from __future__ import annotations

from ninja import NinjaAPI

from api import errors, openapi
from api.routers import cases, followup, meetings, structure

DESCRIPTION = """
Samverkans öppna API för den regionala samverkansstrukturen för vård och omsorg i länet.

**Utan nyckel** läser du det som är offentligt: huvudmän, grupper med uppdragsbeskrivningar och
ledamöter (namn, huvudman, roll), publika möten, justerade minnesanteckningar, expedierade
rekommendationer med huvudmännens beslut, balanslistor, egna beslut och
patientsäkerhetssammanställningen, processmått och resultatindikatorer.

**Med en personlig nyckel** (skapas på sidan *API-nycklar* när du är inloggad) skickar du
`Authorization: Bearer <nyckel>`. Nyckeln ger aldrig mer än dina egna behörigheter.

**Behörighet.** En nyckel har behörigheten *Läsa* eller *Läsa och registrera beslut* (eventuellt
för en enda huvudman). Anrop begränsas per IP-adress, och med en giltig nyckel per nyckel i stället
(högre gräns, så att en hel genomläsning går).

`HEAD` fungerar där `GET` fungerar. Alla svar under `/api/` är JSON, även okända adresser.

Listor sidindelas med `limit` (1–100, standard 25) och `offset`; svaret har `count`, `next` och
`previous`. Fel är JSON med en stabil `code` och ett `message` på svenska. Svar har `ETag`;
skicka `If-None-Match` för att få `304` när inget ändrats. För många anrop ger `429` med
`Retry-After`.
"""


class SamverkanAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Stable ids a generated client keeps: the view's name in camelCase (`registerDecision`),
        never the module path. `api/tests/test_openapi.py` pins the whole set."""
        first, *rest = operation.view_func.__name__.split("_")
        return first + "".join(part.capitalize() for part in rest)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return openapi.refine(schema)


api = SamverkanAPI(
    title="Samverkan API",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", structure.router)
api.add_router("", meetings.router)
api.add_router("", cases.router)
api.add_router("", followup.router)
