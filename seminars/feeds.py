"""Seminars and partner cities in Atom feeds: the seminars' feed, and the sources the
feed of everything uses."""

from django.utils.translation import gettext_lazy as _

from core.feeds import PortalFeed, Source
from seminars.models import City, Seminar


class SeminarSource(Source):
    model = Seminar
    summary_fields = ("summary", "theme", "body")


class CitySource(Source):
    model = City
    title_field = "name"
    summary_fields = ("country",)


class SeminarFeed(PortalFeed):
    name = _("Seminars")
    subtitle = _("New and updated Tokyo Global Partners Seminars, held with partner cities around the world.")
    url_name = "feeds:seminars"
    page_url_name = "seminars:list"
    sources = (SeminarSource(),)
