from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from categories.feeds import category_feed_link
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

    def get_feed_links(self):
        links = super().get_feed_links()
        # A draft's preview has no feed yet.
        return [*links, category_feed_link(self.object)] if self.object.is_live else links
