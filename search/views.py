from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.views import PageMixin
from search.engine import UNSPACED, Search
from search.excerpts import excerpt, highlight
from search.sources import BY_KIND, SOURCES
from search.text import clean_query

PER_PAGE = 20


def page_number(request):
    """`?page=` as a number from 1; anything else is a 404, as on every list (core.pagination)."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 0
    if number < 1:
        raise Http404(_("There is no such page."))
    return number


class SearchView(PageMixin, TemplateView):
    """Results of one search over every kind of live content (search.engine): two
    queries, whatever the content. Not for search engines: `noindex`, not in the sitemap.

    `q` is the query (the last one if given twice); `type` keeps one kind (an unknown
    one is ignored: every kind is shown); `page` is the page, past the last a 404.
    """

    template_name = "search/search.html"
    page_title = gettext_lazy("Search")
    page_description = gettext_lazy("Search the Tokyo 2020 Legacy Portal in your language.")

    def get_page_title(self):
        if self.query:
            return _("Search results for “%(query)s”") % {"query": self.query}
        return self.page_title

    def get(self, request, *args, **kwargs):
        self.query = clean_query(request.GET.get("q", ""))
        kind = request.GET.get("type", "")
        self.kind = kind if kind in BY_KIND else ""
        self.number = page_number(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        search = Search(self.query, language)
        counts = search.counts()
        total = sum(counts.values())
        shown_total = counts[self.kind] if self.kind else total
        start = (self.number - 1) * PER_PAGE
        if start and start >= shown_total:
            raise Http404(_("There is no such page."))
        spaced = language not in UNSPACED
        hits = []
        for hit in search.hits(self.kind, start, start + PER_PAGE):
            text, text_language = excerpt(hit.texts, search.words, spaced=spaced)
            hits.append(
                {
                    "hit": hit,
                    "title": highlight(hit.title, search.words, spaced=spaced),
                    "excerpt": text,
                    "excerpt_language": text_language,
                }
            )
        paginator = Paginator([], PER_PAGE)
        paginator.count = shown_total  # a cached_property: set, not computed
        context.update(
            {
                "noindex": True,
                "query": self.query,
                "searched": bool(search.words),
                "kind": self.kind,
                "kind_label": BY_KIND[self.kind].label if self.kind else "",
                "total": total,
                "kinds": [
                    {"kind": source.kind, "label": source.label, "count": counts[source.kind]}
                    for source in SOURCES
                ],
                "hits": hits,
                "page_obj": Page(hits, self.number, paginator),
                "first_number": start + 1,
            }
        )
        return context
