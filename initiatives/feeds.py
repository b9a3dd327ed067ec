"""The initiatives in Atom feeds: their own feed, and the source the other feeds use."""

from django.utils.translation import gettext_lazy as _

from categories.feeds import area_category
from core.feeds import PortalFeed, Source
from core.i18n import sorted_by_language
from initiatives.models import Initiative


class InitiativeSource(Source):
    model = Initiative
    category_lookup = "category"

    def files(self, item):
        documents = sorted_by_language(item.documents.all())
        return [(document, document.get_absolute_url()) for document in documents]

    def categories(self, item, absolute):
        return [*super().categories(item, absolute), area_category(item.category, absolute)]


class InitiativeFeed(PortalFeed):
    name = _("Initiatives")
    subtitle = _("New and updated initiatives of the Tokyo 2020 legacy, with their documents.")
    url_name = "feeds:initiatives"
    page_url_name = "initiatives:list"
    sources = (InitiativeSource(),)
