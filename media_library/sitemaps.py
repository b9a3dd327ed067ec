from core.sitemaps import PortalSitemap
from media_library.models import Publication, Video


class VideoSitemap(PortalSitemap):
    model = Video


class PublicationSitemap(PortalSitemap):
    model = Publication


sitemaps = {"videos": VideoSitemap, "publications": PublicationSitemap}
# List pages, for the root PageSitemap. Infographics have no pages of their own.
PAGE_NAMES = ["media_library:video_list", "media_library:publication_list", "media_library:infographic_list"]
