"""The public API, version 1: one NinjaAPI over the existing selectors and services."""

from __future__ import annotations

from ninja import NinjaAPI

from api import errors
from api.routers import cases, followup, meetings, structure

DESCRIPTION = """
Samverkans öppna API för den regionala samverkansstrukturen för vård och omsorg i länet.

**Utan nyckel** läser du det som är offentligt: huvudmän, grupper med uppdragsbeskrivningar och
ledamöter (namn, huvudman, roll), publika möten, justerade minnesanteckningar, expedierade
rekommendationer med huvudmännens beslut, balanslistor, egna beslut och
patientsäkerhetssammanställningen, processmått och resultatindikatorer.

**Med en personlig nyckel** (skapas på sidan *API-nycklar* när du är inloggad) skickar du
`Authorization: Bearer <nyckel>`. Nyckeln ger aldrig mer än dina egna behörigheter.

Listor sidindelas med `limit` (1–100, standard 25) och `offset`; svaret har `count`, `next` och
`previous`. Fel är JSON med en stabil `code` och ett `message` på svenska. Svar har `ETag`;
skicka `If-None-Match` för att få `304` när inget ändrats. Anrop begränsas per IP-adress (429).
"""

api = NinjaAPI(
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
