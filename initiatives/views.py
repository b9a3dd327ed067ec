from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from categories.feeds import category_feed_link
from core.downloads import counted_download
from core.i18n import sorted_by_language
from core.views import PortalListView, PreviewableDetailMixin
from initiatives.feeds import InitiativeFeed
from initiatives.forms import InitiativeFilterForm
from initiatives.models import Initiative, InitiativeDocument


class InitiativeListView(PortalListView):
    """All live initiatives, optionally of one category (?category=<slug>).

    An unknown category is a bad request: the page says so, with status 400, and
    lists every initiative.
    """

    model = Initiative
    nav_section = "initiatives"
    feed = InitiativeFeed
    page_title = _("Initiatives")
    page_description = _("The 24 initiatives of the Tokyo 2020 legacy, by category.")

    def get(self, request, *args, **kwargs):
        self.filter_form = InitiativeFilterForm(request.GET or None)
        self.category = None
        valid = self.filter_form.is_valid() if request.GET else True
        if valid and request.GET:
            self.category = self.filter_form.cleaned_data["category"]
        response = super().get(request, *args, **kwargs)
        if not valid:
            response.status_code = 400
        return response

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.category:
            queryset = queryset.filter(category=self.category)
        return queryset

    def get_feed_links(self):
        links = super().get_feed_links()
        return [*links, category_feed_link(self.category)] if self.category else links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["category"] = self.category
        # GOV.UK's pattern: a page with an error says so first in its title.
        context["page_error"] = bool(self.filter_form.errors)
        return context


class InitiativeDetailView(PreviewableDetailMixin, DetailView):
    model = Initiative
    nav_section = "initiatives"
    feed = InitiativeFeed
    list_title = _("Initiatives")
    list_url_name = "initiatives:list"

    def describe(self, data):
        super().describe(data)
        # The documents the page offers, one per language (prefetched: no query).
        documents = sorted_by_language(self.object.documents.all())
        if documents:
            data.page["associatedMedia"] = [data.media_object(d, language=d.language) for d in documents]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = sorted_by_language(self.object.documents.all())
        context["videos"] = [link.video for link in self.object.live_video_links]
        return context


@require_safe
def document_download(request, slug, language):
    """Count and serve an initiative's document; drafts' documents only to staff."""
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user), slug=slug)
    document = get_object_or_404(InitiativeDocument, initiative=initiative, language=language)
    return counted_download(request, document, filename=document.download_filename)
