from core.sitemaps import PortalSitemap
from initiatives.models import Initiative


class InitiativeSitemap(PortalSitemap):
    model = Initiative
    url_name = "initiatives:detail"


sitemaps = {"initiatives": InitiativeSitemap}
# List pages for the "pages" section, with the models whose changes show on them.
LIST_PAGES = {"initiatives:list": ("initiatives.Initiative", "categories.Category")}
