from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from categories.feeds import category_feed_link
from categories.models import Category
from core.models import live_q
from core.pagination import page_of
from core.views import PortalListView, PreviewableDetailMixin


class CategoryListView(PortalListView):
    model = Category
    nav_section = "categories"
    page_title = _("Legacy categories")
    page_description = _("The nine areas of the Tokyo 2020 Games legacy, each with its initiatives.")


class CategoryDetailView(PreviewableDetailMixin, DetailView):
    """A legacy area and its published initiatives, a page of them at a time.

    The initiatives' own status only: a staff preview of a draft category shows what it
    will list.
    """

    model = Category
    nav_section = "categories"
    list_title = _("Legacy categories")
    list_url_name = "categories:list"
    paginate_by = 50
    # An area's page is mostly the list of its initiatives.
    page_type = "CollectionPage"

    def get_og_image(self, data):
        category = self.object
        return data.og_image(category.icon, category.icon_width, category.icon_height, category.title)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiatives = self.object.initiatives.filter(live_q()).for_listing()
        context["page_obj"] = page_of(initiatives, self.request, self.paginate_by)
        return context

    def get_feed_links(self):
        links = super().get_feed_links()
        # A draft's preview has no feed yet.
        return [*links, category_feed_link(self.object)] if self.object.is_live else links
