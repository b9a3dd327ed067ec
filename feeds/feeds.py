"""The feeds that cross content apps: everything new or updated, and one legacy area's."""

from django.utils.translation import gettext_lazy as _

from categories.feeds import CategorySource, category_feed_name
from categories.models import Category
from core.feeds import PortalFeed, full_title
from initiatives.feeds import InitiativeFeed, InitiativeSource
from media_library.feeds import (
    InfographicFeed,
    InfographicSource,
    PublicationFeed,
    PublicationSource,
    VideoFeed,
    VideoSource,
)
from seminars.feeds import CitySource, SeminarFeed, SeminarSource

# One feed per kind of content, in the order the site's menu lists them.
KIND_FEEDS = (InitiativeFeed, VideoFeed, PublicationFeed, InfographicFeed, SeminarFeed)


class SiteFeed(PortalFeed):
    name = _("Everything new or updated")
    subtitle = _(
        "Every new or updated page of the portal, of every kind: areas, initiatives, videos, "
        "publications, infographics, seminars and partner cities."
    )
    url_name = "feeds:all"
    sources = (
        CategorySource(),
        InitiativeSource(),
        VideoSource(),
        PublicationSource(),
        InfographicSource(),
        SeminarSource(),
        CitySource(),
    )


class CategoryFeed(PortalFeed):
    """One legacy area: its initiatives, and the videos and infographics tied to it."""

    subtitle = _("New and updated initiatives, videos and infographics of this legacy area.")
    url_name = "feeds:category"
    sources = (InitiativeSource(), VideoSource(), InfographicSource())

    def get_object(self, request, slug):
        return Category.objects.live().get(slug=slug)

    def get_sources(self, category):
        return [(source, source.in_category(category, self.limit)) for source in self.sources]

    def title(self, category):
        return full_title(category_feed_name(category))

    def link(self, category):
        return category.get_absolute_url()
