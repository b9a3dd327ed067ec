from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from categories.models import Category
from core.models import live_q
from core.views import PortalListView, PreviewableDetailMixin
from initiatives.models import Initiative


class CategoryListView(PortalListView):
    model = Category
    nav_section = "categories"
    page_title = _("Legacy categories")
    page_description = _("The nine areas of the Tokyo 2020 Games legacy, each with its initiatives.")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(initiative_count=Count("initiatives", filter=live_q("initiatives__")))
        )


class CategoryDetailView(PreviewableDetailMixin, DetailView):
    model = Category
    nav_section = "categories"
    list_title = _("Legacy categories")
    list_url_name = "categories:list"

    def get_base_queryset(self):
        return Category.objects.prefetch_related(
            Prefetch(
                "initiatives",
                queryset=Initiative.objects.filter(live_q()),
                to_attr="live_initiatives",
            )
        )
