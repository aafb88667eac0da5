"""The news feeds checked as a feed validator would: Atom per RFC 4287 §4.1.1–4.1.2 (parsed with
lxml, clause by clause), RSS 2.0's required elements, absolute links only, and ids from the
configured site address whatever Host header the request carried."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree, html

from news import services
from news.models import NewsItem
from structure import county
from testing.builders import coordinator_user

pytestmark = pytest.mark.django_db

SITE = "https://samverkan.example.se"
ATOM = "{http://www.w3.org/2005/Atom}"
NS = {"a": "http://www.w3.org/2005/Atom"}
BODY = (
    "Läs [riktlinjen](/sidor/riktlinjer/), [föregående](../1/), [stycket](#mitt) och "
    "[extern](https://example.org/x?a=1&b=2)."
)


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE + "/"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "attacker.example"]


@pytest.fixture
def coordinator(structure):
    return coordinator_user()


@pytest.fixture
def published(coordinator, site):
    by = coordinator
    first = services.publish_news(by=by, title="Första nyheten", body=BODY)
    second = services.publish_news(by=by, title="Andra nyheten", body="Kort text.")
    return [first, second]


def _get(client, name: str, **extra) -> etree._Element:
    response = client.get(reverse(name), **extra)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def _absolute(address: str) -> bool:
    parts = urlsplit(address)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _rfc3339(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert moment.tzinfo is not None, text
    return moment


def _one(element: etree._Element, path: str) -> etree._Element:
    found = element.findall(path, NS)
    assert len(found) == 1, (path, len(found))
    return found[0]


def _links_in_html(fragment: str) -> list[str]:
    tree = html.fragment_fromstring(fragment, create_parent="div")
    return [a.get("href") for a in tree.iter("a")]


def test_the_atom_feed_has_every_element_rfc_4287_requires_of_a_feed(client, published):
    feed = _get(client, "news:atom")
    assert feed.tag == ATOM + "feed"
    # §4.1.1: exactly one atom:author unless every entry has one; exactly one id, title, updated.
    author = _one(feed, "a:author")
    assert _one(author, "a:name").text == county.current().collaboration_name
    assert _one(feed, "a:id").text == SITE + reverse("news:list")
    assert _one(feed, "a:title").text.strip()
    updated = _rfc3339(_one(feed, "a:updated").text)
    assert updated == max(item.published_at for item in published)
    # §4.1.1: at most one alternate link per type; a self link is recommended.
    links = {link.get("rel"): link.get("href") for link in feed.findall("a:link", NS)}
    assert links["alternate"] == SITE + reverse("news:list")
    assert links["self"] == SITE + reverse("news:atom")


def test_every_atom_entry_has_id_title_updated_and_a_link(client, published):
    feed = _get(client, "news:atom")
    entries = feed.findall("a:entry", NS)
    assert len(entries) == len(published)
    by_title = {item.title: item for item in published}
    for entry in entries:
        item = by_title[_one(entry, "a:title").text]
        address = SITE + item.get_absolute_url()
        # §4.1.2: exactly one id and one updated; an author here or on the feed (above).
        assert _one(entry, "a:id").text == address
        assert _rfc3339(_one(entry, "a:updated").text) == item.published_at
        assert entry.findall("a:author", NS) or feed.findall("a:author", NS)
        # §4.1.2: an entry without content has an alternate link.
        (link,) = [link for link in entry.findall("a:link", NS) if link.get("rel") == "alternate"]
        assert link.get("href") == address


def test_an_edited_entrys_updated_is_the_edit_and_its_published_stays(
    client, published, coordinator
):
    item = published[0]
    services.edit_news(by=coordinator, item=item, title=item.title, body="Rättad text.")
    item.refresh_from_db()
    assert item.edited_at > item.published_at
    feed = _get(client, "news:atom")
    (entry,) = [e for e in feed.findall("a:entry", NS) if _one(e, "a:title").text == item.title]
    assert _rfc3339(_one(entry, "a:updated").text) == item.edited_at
    assert _rfc3339(_one(entry, "a:published").text) == item.published_at
    assert _rfc3339(_one(feed, "a:updated").text) == item.edited_at


def test_every_href_in_the_atom_feed_and_its_summaries_is_absolute(client, published):
    feed = _get(client, "news:atom")
    hrefs = [element.get("href") for element in feed.iter() if element.get("href")]
    summaries = [s.text for s in feed.iter(ATOM + "summary")]
    inner = [href for summary in summaries for href in _links_in_html(summary)]
    assert len(inner) == 4  # the four links of BODY, so the check below has something to check
    assert all(_absolute(href) for href in hrefs + inner), hrefs + inner
    first = SITE + published[0].get_absolute_url()
    assert set(inner) == {
        SITE + "/sidor/riktlinjer/",
        SITE + reverse("news:list") + "1/",
        first + "#mitt",
        "https://example.org/x?a=1&b=2",
    }


def test_the_rss_feed_has_its_required_elements_and_absolute_links(client, published):
    rss = _get(client, "news:rss")
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name).strip(), name
    assert channel.findtext("link") == SITE + reverse("news:list")
    items = channel.findall("item")
    assert len(items) == len(published)
    for item in items:
        assert item.findtext("title") and item.findtext("pubDate")
        guid = item.find("guid")
        assert _absolute(guid.text) and guid.get("isPermaLink", "true") == "true"
        assert item.findtext("link") == guid.text
        assert all(_absolute(href) for href in _links_in_html(item.findtext("description")))


@pytest.mark.parametrize("name", ["news:atom", "news:rss"])
def test_a_spoofed_host_header_changes_no_id_or_link(client, published, name):
    plain = client.get(reverse(name)).content
    spoofed = client.get(reverse(name), HTTP_HOST="attacker.example").content
    assert b"attacker" not in spoofed
    assert spoofed == plain
    assert SITE.encode() in spoofed


def test_the_feed_without_news_is_still_valid_atom(client, structure, site):
    assert not NewsItem.objects.exists()
    feed = _get(client, "news:atom")
    for element in ("a:author/a:name", "a:id", "a:title", "a:updated"):
        assert _one(feed, element).text, element
    assert _rfc3339(_one(feed, "a:updated").text) <= timezone.now()
