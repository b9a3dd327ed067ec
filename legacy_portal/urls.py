"""Root URLs: public pages under a language prefix; machine endpoints outside it."""

import functools

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from categories.sitemaps import LIST_PAGES as category_pages
from categories.sitemaps import sitemaps as category_sitemaps
from core import views as core_views
from core.admin_views import downloads_csv
from core.media import serve_media
from core.sitemaps import PageSitemap
from core.sitemaps import index as sitemap_index
from feeds.sitemaps import LIST_PAGES as feed_pages
from initiatives.sitemaps import LIST_PAGES as initiative_pages
from initiatives.sitemaps import sitemaps as initiative_sitemaps
from media_library.sitemaps import LIST_PAGES as media_pages
from media_library.sitemaps import sitemaps as media_sitemaps
from opendata.api import api as open_data_api
from opendata.sitemaps import LIST_PAGES as open_data_pages
from seminars.sitemaps import LIST_PAGES as seminar_pages
from seminars.sitemaps import sitemaps as seminar_sitemaps

admin.site.site_header = _("Legacy Portal administration")
admin.site.site_title = _("Legacy Portal admin")
admin.site.index_title = _("Content")

# The sitemap index's sections (see core.sitemaps): the home page and the list pages,
# then one section per kind of page. Each entry is called per request (no state is kept).
list_pages = {
    **category_pages,
    **initiative_pages,
    **media_pages,
    **seminar_pages,
    **feed_pages,
    **open_data_pages,
}
home_shows = tuple(dict.fromkeys(label for labels in list_pages.values() for label in labels))
sitemaps = {
    "pages": functools.partial(PageSitemap, {"home": home_shows, **list_pages}),
    **category_sitemaps,
    **initiative_sitemaps,
    **media_sitemaps,
    **seminar_sitemaps,
}
sitemap_views = {"sitemaps": sitemaps, "template_name": "sitemaps/urlset.xml"}

urlpatterns = [
    # Before the admin's own URLs, which would otherwise answer it (their catch-all is a 404).
    path("admin/downloads.csv", admin.site.admin_view(downloads_csv), name="downloads_csv"),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section", "template_name": "sitemaps/index.xml"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, sitemap_views, name="sitemap_section"),
    path("robots.txt", core_views.robots_txt, name="robots"),
    path("healthz", core_views.healthz, name="healthz"),
    path("csp-report/", core_views.csp_report, name="csp_report"),
    path("print.css", core_views.print_css, name="print_css"),
    # The open data: read-only JSON and CSV, the OpenAPI schema and the DCAT catalogue
    # (opendata.api); its page is /<lang>/open-data/ below.
    path("api/v1/", open_data_api.urls),
]

# Uploaded media, in every deployment (not only with debug on): local-disk files are
# served from here; with object storage this redirects to the bucket (core.media).
urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"))

urlpatterns += i18n_patterns(
    path(
        "",
        TemplateView.as_view(
            template_name="home.html",
            extra_context={
                "is_home": True,
                # The city's own legacy page (seeds 000 and 001), quoted and linked from the home page.
                "CITY_LEGACY_PAGE": "https://www.2020games.metro.tokyo.lg.jp/eng/taikaijyunbi/torikumi/legacy/index.html",
                "page_description": _(
                    "The legacy of the Tokyo 2020 Olympic and Paralympic Games: nine areas, 24 initiatives, "
                    "videos, booklets and partner-city seminars."
                ),
            },
        ),
        name="home",
    ),
    path("categories/", include("categories.urls")),
    path("initiatives/", include("initiatives.urls")),
    path("", include("media_library.urls")),
    path("", include("seminars.urls")),
    path("feeds/", include("feeds.urls")),
    path("open-data/", include("opendata.urls")),
    path("search/", include("search.urls")),
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
