"""The flash messages are a list inside a status region (#18: `<ul role="status">` took the list's
role away, so axe found its `<li>` outside any list: serious, on every page after an action)."""

from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string

from testing.html import elements


def _check(html: str) -> None:
    (listing,) = [e for e in elements(html, "ul") if e.attrs.get("class") == "messages"]
    assert "role" not in listing.attrs
    (status,) = [e for e in elements(html, "div") if e.attrs.get("role") == "status"]
    assert listing.ancestors[-1] == "div" and status.text
    assert all(item.ancestors[-1] == "ul" for item in elements(html, "li"))


def test_the_pages_messages_are_a_list_in_a_status_region(rf, db):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string("base.html", {"messages": [Message(25, "Klart.")]}, request=request)
    _check(html)


def test_a_sections_messages_are_a_list_in_a_status_region():
    html = render_to_string("section_messages.html", {"msgs": [Message(25, "Klart.")]})
    _check(html)


def test_a_warning_looks_and_reads_as_a_warning_not_as_a_success(rf, db):
    """The rules check's "flaggar" came in the same green box as "sparat" (#18's journey)."""
    from django.contrib import messages
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    shown = [Message(messages.SUCCESS, "Sparat."), Message(messages.WARNING, "Saknar ersättare.")]
    for html in (
        render_to_string("base.html", {"messages": shown}, request=request),
        render_to_string("section_messages.html", {"msgs": shown}),
    ):
        (saved,) = [e for e in elements(html, "li") if "Sparat." in "".join(e.text)]
        (flagged,) = [e for e in elements(html, "li") if "Saknar ersättare." in "".join(e.text)]
        assert saved.attrs.get("class") == "success" and "Varning" not in "".join(saved.text)
        assert flagged.attrs.get("class") == "warning"
        # Not by colour alone: a screen reader hears that it is a warning.
        assert "".join(flagged.text).strip().startswith("Varning: ")
