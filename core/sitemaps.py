from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PortalSitemap(Sitemap):
    """Live objects of one model, in every language, with hreflang alternates and x-default."""

    model = None
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return self.model.objects.live().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class PageSitemap(Sitemap):
    """Pages that are not objects: the home page and the list pages."""

    i18n = True
    alternates = True
    x_default = True

    def __init__(self, names):
        self.names = names

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)
