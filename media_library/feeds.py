"""Videos, publications and infographics in Atom feeds: their feeds, and the sources the
other feeds use."""

from django.utils.translation import gettext_lazy as _

from categories.feeds import area_category
from core.feeds import PortalFeed, Source
from media_library.models import Infographic, Publication, Video


class VideoSource(Source):
    model = Video
    summary_fields = ("description",)
    category_lookup = "categories"

    def related_links(self, item):
        return [item.url] if item.url else []


class PublicationSource(Source):
    model = Publication

    def files(self, item):
        return [
            (stored_file, stored_file.get_absolute_url())
            for edition in item.editions.all()
            for stored_file in edition.files_in_order
        ]


class InfographicSource(Source):
    model = Infographic
    summary_fields = ("description", "alt_text")
    category_lookup = "category"

    def files(self, item):
        return [(item, item.get_download_url())] if item.file else []

    def categories(self, item, absolute):
        found = super().categories(item, absolute)
        if item.category and item.category.is_live:
            found.append(area_category(item.category, absolute))
        return found


class VideoFeed(PortalFeed):
    name = _("Videos")
    subtitle = _("New and updated films about the Tokyo 2020 legacy.")
    url_name = "feeds:videos"
    page_url_name = "media_library:video_list"
    sources = (VideoSource(),)


class PublicationFeed(PortalFeed):
    name = _("Publications")
    subtitle = _("New and updated booklets, reports and cards, with a download for each language.")
    url_name = "feeds:publications"
    page_url_name = "media_library:publication_list"
    sources = (PublicationSource(),)


class InfographicFeed(PortalFeed):
    name = _("Infographics")
    subtitle = _("New and updated infographics, with their original images.")
    url_name = "feeds:infographics"
    page_url_name = "media_library:infographic_list"
    sources = (InfographicSource(),)
