from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from categories.feeds import category_feed_link
from categories.models import Category
from core.feeds import FEED_LIMIT
from core.views import PageMixin
from feeds.feeds import KIND_FEEDS, CategoryFeed, SiteFeed


class FeedListView(PageMixin, TemplateView):
    """Every feed, what it holds and its address, and how to follow one (one query: the areas)."""

    template_name = "feeds/feed_list.html"
    nav_section = "feeds"
    page_title = _("Feeds")
    page_description = _(
        "Follow what is new or updated on the Tokyo 2020 Legacy Portal in a feed reader: "
        "everything, one kind of content, or one legacy area."
    )

    def listing(self, url, *, name="", subtitle="", category=None):
        return {
            "name": name,
            "category": category,
            "subtitle": subtitle,
            "url": url,
            "address": self.request.build_absolute_uri(url),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["limit"] = FEED_LIMIT
        context["site_feed"] = self.listing(
            SiteFeed.feed_link().url, name=SiteFeed.name, subtitle=SiteFeed.subtitle
        )
        context["kind_feeds"] = [
            self.listing(feed.feed_link().url, name=feed.name, subtitle=feed.subtitle) for feed in KIND_FEEDS
        ]
        context["category_feeds"] = [
            self.listing(category_feed_link(category).url, category=category, subtitle=CategoryFeed.subtitle)
            for category in Category.objects.live()
        ]
        return context
