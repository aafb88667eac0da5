"""Mail to more than one person from one button: first a preview of who gets what, then a
confirmation that checks the recipients again.

The first POST of such a form answers a preview page (nothing written, nothing sent); the page
posts the same values again with `confirm` and a fingerprint of the mails it showed. The service
recomputes the mails inside its transaction and refuses (`RecipientsChanged`) when the
fingerprint differs, so what is sent is exactly what the coordinator saw.

The fingerprint is an HMAC with the site's secret, not a plain hash: a reminder's recipients are
exactly those who have not answered a survey, and a plain hash of a guessed set of addresses
could be compared with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

# How many recipients a preview names; the count is always the whole.
PREVIEW_LIMIT = 50
CHANGED = "recipients_changed"


@dataclass(frozen=True)
class Outgoing:
    """One mail as it will be sent: to whom, and what it says."""

    name: str
    address: str
    subject: str
    body: str


@dataclass(frozen=True)
class MailPreview:
    """Who gets what. `named=False` shows only the count and `sample` (a mail with the personal
    parts left as placeholders), never who: used where the list itself would tell something
    (the non-respondents of a survey)."""

    mails: list[Outgoing]
    named: bool = True
    sample: Outgoing | None = None
    groups: list[tuple[str, int]] = field(default_factory=list)
    limit: int = PREVIEW_LIMIT

    @property
    def count(self) -> int:
        return len(self.mails)

    @property
    def shown(self) -> list[Outgoing]:
        return self.mails[: self.limit] if self.named else []

    @property
    def not_shown(self) -> int:
        return self.count - len(self.shown) if self.named else 0

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.mails)


def fingerprint(mails: Iterable[Outgoing]) -> str:
    payload = "\x1e".join(sorted(f"{m.address}\x1f{m.subject}\x1f{m.body}" for m in mails))
    return salted_hmac("lib.mass_mail", payload, algorithm="sha256").hexdigest()


class RecipientsChanged(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            "Mottagarna har ändrats sedan förhandsvisningen. Kontrollera listan och bekräfta igen.",
            code=CHANGED,
        )


def check(mails: Iterable[Outgoing], expected: str | None) -> None:
    """Raise `RecipientsChanged` unless the mails are the ones the preview showed (a service
    calls this inside its transaction; `None`: no preview was involved, e.g. a scheduled run)."""
    if expected is not None and fingerprint(mails) != expected:
        raise RecipientsChanged


class ConfirmForm(forms.Form):
    """The preview page's own fields, posted with the action's form values."""

    confirm = forms.BooleanField(required=False)
    fingerprint = forms.CharField(required=False, max_length=64)

    def confirmed(self) -> str | None:
        """The fingerprint the user confirmed, or None when this POST asks for the preview."""
        if not self.is_valid() or not self.cleaned_data["confirm"]:
            return None
        return self.cleaned_data["fingerprint"] or None


def hidden_values(form: forms.Form) -> list[tuple[str, str]]:
    """The posted values of a valid form's fields, to post again from the preview page."""
    return [
        (form.add_prefix(name), value)
        for name in form.fields
        for value in form.data.getlist(form.add_prefix(name))
    ]
