from core.sitemaps import PortalSitemap
from seminars.models import City, Seminar


class SeminarSitemap(PortalSitemap):
    model = Seminar
    url_name = "seminars:detail"


class CitySitemap(PortalSitemap):
    model = City
    url_name = "seminars:city_detail"


sitemaps = {"seminars": SeminarSitemap, "cities": CitySitemap}
# List pages for the "pages" section, with the models whose changes show on them.
LIST_PAGES = {
    "seminars:list": ("seminars.Seminar",),
    "seminars:city_list": ("seminars.City", "seminars.Seminar"),
}
