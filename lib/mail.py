"""Mail that a write sends: only after its transaction commits, so a rolled-back write never
mails anyone; one message per recipient, optionally with an iCalendar attachment."""

from django.core.mail import EmailMessage
from django.db import transaction


def send_after_commit(
    subject: str, body: str, to: list[str], ics: bytes | None = None, ics_method: str = "REQUEST"
) -> None:
    """Send after commit, so a rolled-back write never mails anyone."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return

    def send() -> None:
        for address in recipients:
            message = EmailMessage(subject, body, to=[address])
            if ics is not None:
                message.attach(
                    "mote.ics", ics, f"text/calendar; charset=utf-8; method={ics_method}"
                )
            message.send()

    transaction.on_commit(send)
