"""News as RSS and Atom (Django's syndication framework).

Every address in the feeds (the feed's and each entry's id, links, and the links inside the
summaries) is absolute and built from the configured site address (`lib.site`), never from the
request's Host header: a reader that stores ids must get the same ids however the site was
reached. The Atom feed carries what RFC 4287 §4.1.1–4.1.2 require: the feed's author, id, title
and updated, and each entry's id, title, updated and link.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from lib.site import absolute_url, site_url
from news.models import NewsItem
from structure import county

_HREF = re.compile(r'\b(href|src)="([^"]*)"')


def absolute_links(fragment: str, base: str) -> str:
    """`fragment` (sanitised HTML from `lib.markdown`, attributes in double quotes) with every
    href and src resolved against `base`, so a feed reader never resolves them against itself."""

    def resolve(match: re.Match) -> str:
        target = urljoin(base, html.unescape(match.group(2)))
        return f'{match.group(1)}="{html.escape(target, quote=True)}"'

    return _HREF.sub(resolve, fragment)


class NewsFeed(Feed):
    description = "Nyheter från den regionala samverkansstrukturen."
    url_name = "news:rss"

    def get_object(self, request, *args, **kwargs):
        """The county the feed is named after (Django passes it to `title` and `author_name`)."""
        return county.for_request(request)

    def link(self):
        return absolute_url(reverse("news:list"))

    def feed_url(self):
        return absolute_url(reverse(self.url_name))

    def feed_guid(self):
        return absolute_url(reverse("news:list"))

    def title(self, facts):
        return f"{facts.collaboration_name} – nyheter"

    def author_name(self, facts):
        return facts.collaboration_name

    def author_link(self):
        return site_url() + "/"

    def items(self):
        return NewsItem.objects.order_by("-published_at", "-pk")[:20]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid_is_permalink(self, item):
        return True

    def item_description(self, item):
        return absolute_links(str(item.html), absolute_url(item.get_absolute_url()))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.edited_at or item.published_at


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
    url_name = "news:atom"
