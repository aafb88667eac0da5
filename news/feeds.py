"""News as RSS and Atom (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from news.models import NewsItem
from structure import county


class NewsFeed(Feed):
    link = reverse_lazy("news:list")
    description = "Nyheter från den regionala samverkansstrukturen."

    def get_object(self, request, *args, **kwargs):
        """The county the feed is named after (Django passes it to `title`)."""
        return county.for_request(request)

    def title(self, facts):
        return f"{facts.collaboration_name} – nyheter"

    def items(self):
        return NewsItem.objects.order_by("-published_at")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.html

    def item_pubdate(self, item):
        return item.published_at


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
