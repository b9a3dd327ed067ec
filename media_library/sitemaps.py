from core.sitemaps import PortalSitemap
from media_library.models import Publication, Video


class VideoSitemap(PortalSitemap):
    model = Video
    url_name = "media_library:video_detail"


class PublicationSitemap(PortalSitemap):
    model = Publication
    url_name = "media_library:publication_detail"


sitemaps = {"videos": VideoSitemap, "publications": PublicationSitemap}
# List pages for the "pages" section, with the models whose changes show on them.
# Infographics have no pages of their own: their list is their page.
LIST_PAGES = {
    "media_library:video_list": ("media_library.Video",),
    "media_library:publication_list": ("media_library.Publication",),
    "media_library:infographic_list": ("media_library.Infographic",),
}
