from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core.models import RELATED_LIMIT
from core.views import PortalListView, PreviewableDetailMixin
from seminars.feeds import SeminarFeed
from seminars.ical import seminar_calendar
from seminars.models import City, Seminar
from seminars.structured_data import partner_place, seminar_event

SEMINARS = _("Seminars")
PARTNERS = _("Partner cities and regions")


class SeminarListView(PortalListView):
    """Live seminars, newest first."""

    model = Seminar
    nav_section = "seminars"
    feed = SeminarFeed
    page_title = SEMINARS
    page_description = _(
        "The Tokyo Global Partners Seminars, where Tokyo and its partner cities and regions "
        "share experience and work together."
    )


class SeminarDetailView(PreviewableDetailMixin, DetailView):
    model = Seminar
    nav_section = "seminars"
    feed = SeminarFeed
    list_title = SEMINARS
    list_url_name = "seminars:list"
    fallback_fields = ("title", "theme", "summary", "body")

    def describe(self, data):
        super().describe(data)
        data.add(seminar_event(data, self.object, list(self.object.sessions.all())))

    def get_og_image(self, data):
        photo = next(iter(self.object.photos.all()), None)
        return data.og_image(photo.image, photo.width, photo.height, photo.alt_text) if photo else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        total, presenters, others = self.object.partner_lists()
        context.update(
            partner_total=total,
            partner_named=len(presenters) + len(others),
            presenters=presenters,
            other_partners=others,
            sessions=list(self.object.sessions.all()),
        )
        return context


@require_safe
def calendar(request, slug):
    """The seminar's sessions as an .ics file; a draft's only for staff who may preview it."""
    seminar = get_object_or_404(Seminar.objects.for_calendar().visible_to(request.user), slug=slug)
    ical = seminar_calendar(seminar, page_url=request.build_absolute_uri(seminar.get_absolute_url()))
    response = HttpResponse(ical.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{seminar.slug}.ics"'
    if not seminar.is_live:
        response["Cache-Control"] = "private, no-store"
    return response


class CityListView(PortalListView):
    """Live partner cities and regions, each with the number of live seminars it took part in."""

    model = City
    nav_section = "cities"
    page_title = PARTNERS
    page_description = _(
        "The cities, states and regions that have taken part in the Tokyo Global Partners Seminars."
    )


class CityDetailView(PreviewableDetailMixin, DetailView):
    model = City
    nav_section = "cities"
    list_title = PARTNERS
    list_url_name = "seminars:city_list"
    fallback_fields = ("name", "country")
    title_field = "name"
    description_field = None  # a sentence of the page's own (get_page_description)

    def describe(self, data):
        super().describe(data)
        data.add(partner_place(data, self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unnamed_in"] = list(Seminar.objects.live().possibly_with(self.object)[:RELATED_LIMIT])
        return context

    def get_page_description(self):
        return Truncator(
            gettext("%(name)s (%(country)s) and the Tokyo Global Partners Seminars it took part in.")
            % {"name": self.object.name, "country": self.object.country}
        ).chars(160)
