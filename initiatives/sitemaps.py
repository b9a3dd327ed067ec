from core.sitemaps import PortalSitemap
from initiatives.models import Initiative


class InitiativeSitemap(PortalSitemap):
    model = Initiative


sitemaps = {"initiatives": InitiativeSitemap}
