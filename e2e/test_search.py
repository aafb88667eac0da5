"""The search box in the header, without JavaScript, as a visitor and on a phone."""

from playwright.sync_api import expect

from e2e.test_accessibility import PHONE
from news import services as news_services
from testing.builders import coordinator_user


def test_a_visitor_searches_from_the_header_without_javascript(site, new_page):
    news_services.publish_news(
        by=coordinator_user(), title="Ny rutin för utskrivning", body="Gäller från januari."
    )
    page = new_page(javascript=False, viewport=PHONE)
    page.goto("/nyheter/")
    search = page.get_by_role("search", name="Hela webbplatsen")
    search.get_by_label("Sök").fill("utskrivning")
    search.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("heading", level=2, name="1 träff för ”utskrivning”")).to_be_visible()
    page.get_by_role("link", name="Ny rutin för utskrivning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny rutin för utskrivning")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
