"""Messages that belong to one section of a page (the manage page's "Dagordning", the case page's
"Behandling"): an action redirects to `page#section` and its message is shown in that section,
in view where the browser lands. Other messages stay at the top of the page."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect

TAG = "avsnitt-"


def add(request, section: str, message: str, level: int = messages.SUCCESS) -> None:
    messages.add_message(request, level, message, extra_tags=TAG + section)


def redirect_to(
    request, url: str, section: str, message: str = "", level: int = messages.SUCCESS
) -> HttpResponseRedirect:
    if message:
        add(request, section, message, level)
    return redirect(f"{url}#{section}")


def split(request) -> tuple[list, dict[str, list]]:
    """(messages for the top of the page, {section: its messages})."""
    general, sections = [], {}
    for message in messages.get_messages(request):
        tag = next((t for t in message.extra_tags.split() if t.startswith(TAG)), None)
        if tag:
            sections.setdefault(tag.removeprefix(TAG), []).append(message)
        else:
            general.append(message)
    return general, sections
