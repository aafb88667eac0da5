"""GET /nya-ledamoter/: the coordinator's open checklists."""

import pytest
from django.urls import reverse

from testing.html import elements

pytestmark = pytest.mark.django_db


def test_the_table_sits_in_a_named_scroll_region_so_a_phone_does_not_scroll_sideways(
    client, charlie, nora
):
    """#18: at 320 px the page scrolled sideways; a wide table goes in `.table-scroll`, a
    focusable region named by the table's caption (e2e/test_coordinator_month.py measures it)."""
    client.force_login(charlie)
    html = client.get(reverse("onboarding:list")).content.decode()
    (region,) = [e for e in elements(html, "div") if "table-scroll" in (e.attrs.get("class") or "")]
    assert (region.attrs["role"], region.attrs["tabindex"]) == ("region", "0")
    (caption,) = elements(html, "caption")
    assert caption.attrs["id"] == region.attrs["aria-labelledby"]
    assert "Nora Ny" in "".join(region.text)
    (table,) = elements(html, "table")
    assert "div" in table.ancestors


def test_members_do_not_see_the_checklists(client, alice, nora):
    client.force_login(alice)
    assert client.get(reverse("onboarding:list")).status_code == 404
