from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from categories.models import Category
from core.views import PortalListView, PreviewableDetailMixin


class CategoryListView(PortalListView):
    model = Category
    nav_section = "categories"
    page_title = _("Legacy categories")
    page_description = _("The nine areas of the Tokyo 2020 Games legacy, each with its initiatives.")


class CategoryDetailView(PreviewableDetailMixin, DetailView):
    model = Category
    nav_section = "categories"
    list_title = _("Legacy categories")
    list_url_name = "categories:list"
    # An area's page is mostly the list of its initiatives.
    page_type = "CollectionPage"

    def get_og_image(self, data):
        category = self.object
        return data.og_image(category.icon, category.icon_width, category.icon_height, category.title)
