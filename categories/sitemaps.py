from categories.models import Category
from core.sitemaps import PortalSitemap


class CategorySitemap(PortalSitemap):
    model = Category


sitemaps = {"categories": CategorySitemap}
