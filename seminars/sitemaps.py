from core.sitemaps import PageSitemap, PortalSitemap
from seminars.models import City, Seminar


class SeminarSitemap(PortalSitemap):
    model = Seminar


class CitySitemap(PortalSitemap):
    model = City


sitemaps = {
    "seminar_pages": PageSitemap(["seminars:list", "seminars:city_list"]),
    "seminars": SeminarSitemap,
    "cities": CitySitemap,
}
