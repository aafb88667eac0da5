"""gunicorn's logs without the secrets of URLs (`make serve` passes `--logger-class`).

The access log writes the request line, the path, the query and the Referer of every request;
for a survey link or a calendar feed that is the secret itself, with a timestamp. Here every
value the access-log format asks for is redacted (`lib.redact`: `/enkat/<token>/`), credential
headers are never printed even if a custom format names them, and the error log (gunicorn's
"Error handling request /…") gets the same filter as Django's handlers."""

from __future__ import annotations

from gunicorn.glogging import Logger, SafeAtoms

from lib.redact import RedactSecretsFilter, redact_text, redact_url

CREDENTIAL_ATOMS = frozenset(
    {"{authorization}i", "{proxy-authorization}i", "{cookie}i", "{x-csrftoken}i", "{set-cookie}o"}
)


class RedactedAtoms(SafeAtoms):
    """The access-log atoms, each redacted when the format reads it (so only those used)."""

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if not isinstance(value, str) or value == "-":
            return value
        if key.lower() in CREDENTIAL_ATOMS:
            return "<redacted>"
        if key in ("q", "{query_string}e"):
            # The route decides which parameters are secret (the sign-in callback's code).
            redacted = redact_url(f"{dict.get(self, 'U') or '/'}?{value}")
            return redacted.partition("?")[2]
        return redact_text(value)


class RedactingLogger(Logger):
    atoms_wrapper_class = RedactedAtoms

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            if getattr(handler, "_gunicorn", False):  # the handlers gunicorn made, not others
                handler.addFilter(RedactSecretsFilter())
