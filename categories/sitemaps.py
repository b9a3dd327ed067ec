from categories.models import Category
from core.sitemaps import PortalSitemap


class CategorySitemap(PortalSitemap):
    model = Category
    url_name = "categories:detail"


sitemaps = {"categories": CategorySitemap}
# List pages for the "pages" section, with the models whose changes show on them.
LIST_PAGES = {"categories:list": ("categories.Category", "initiatives.Initiative")}
