"""The sitemap: an index at /sitemap.xml, one section per kind of page, each paged.

Every live page is listed once per language, with its `lastmod` and hreflang
alternates for every language plus `x-default` (the address without a language
prefix, which redirects by Accept-Language). A page of a section holds at most
`settings.PORTAL_SITEMAP_PAGE_SIZE` items, so at most that many times five <url>
entries (the protocol's limit is 50,000 a file; the setting is checked at start-up).

Django's views serve them (`django.contrib.sitemaps.views.index` and `sitemap`), but
these classes build their pages themselves, because Django's way does not scale: it
loads every item of a section to count its pages, reverses 30 URLs per item (one per
language and alternate), and renders through a template tag per entry. Here a page is
one query of two columns, each language's address is reversed once with a placeholder
slug and completed per item, and the XML is written by `core.templatetags.sitemap_xml`.
The index asks the database once for every section's count and latest change (one
`UNION ALL` of an aggregate per model), whatever the number of sections and items.
"""

import math
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index as django_index
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Count, Max, Value
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import override

# Stands for the slug in the reversed address; slugs are [-a-zA-Z0-9_]+, so it can be split on.
PLACEHOLDER = "slug-placeholder-0e1f"


def live_stats(models):
    """{model: (count, latest updated_at)} of each model's live items, in one query.

    One aggregate per model joined by `UNION ALL`: the sitemap index needs every
    section's count and latest change, and the pages section every kind's latest change.
    """
    models = list(dict.fromkeys(models))
    if not models:
        return {}
    parts = [
        model.objects.live()
        .order_by()
        .annotate(label=Value(model._meta.label))
        .values("label")
        .annotate(count=Count("*"), latest=Max("updated_at"))  # from the live index alone
        for model in models
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found = {row["label"]: (row["count"], row["latest"]) for row in rows}
    return {model: found.get(model._meta.label, (0, None)) for model in models}


class Pages:
    """What the index view asks of a paginator: the number of pages."""

    def __init__(self, num_pages):
        self.num_pages = num_pages


class PagedSitemap(Sitemap):
    """A section whose items are (key, lastmod) rows, `limit` items a page.

    Subclasses give `count_and_latest()` (for the index), `rows(offset, limit)` (one
    page) and `paths(key)` ({language: path}).
    """

    i18n = True
    alternates = True
    x_default = True

    @property
    def limit(self):
        """Items a page (each gives one <url> per language)."""
        return settings.PORTAL_SITEMAP_PAGE_SIZE

    @cached_property
    def stats(self):
        return self.count_and_latest()

    @property
    def paginator(self):
        count, _latest = self.stats
        return Pages(max(1, math.ceil(count / self.limit)))

    def get_latest_lastmod(self):
        return self.stats[1]

    def page_number(self, page):
        try:
            number = int(page)
        except (TypeError, ValueError):
            raise PageNotAnInteger(page) from None
        if number < 1:
            raise EmptyPage(page)
        return number

    def get_urls(self, page=1, site=None, protocol=None):
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        number = self.page_number(page)
        rows = self.rows((number - 1) * self.limit, self.limit)
        if not rows and number > 1:
            raise EmptyPage(page)
        languages = self._languages()
        default = settings.LANGUAGE_CODE
        urls = []
        latest = None
        for key, lastmod in rows:
            paths = self.paths(key)
            alternates = [{"location": origin + paths[code], "lang_code": code} for code in languages]
            if self.x_default and default in paths:
                neutral = paths[default].replace(f"/{default}/", "/", 1)
                alternates.append({"location": origin + neutral, "lang_code": "x-default"})
            for alternate in alternates[: len(languages)]:
                urls.append(
                    {
                        "item": key,
                        "location": alternate["location"],
                        "lastmod": lastmod,
                        "changefreq": None,
                        "priority": "",
                        # Shared by the item's entries: core.templatetags.sitemap_xml writes it once.
                        "alternates": alternates,
                    }
                )
            if lastmod is not None and (latest is None or lastmod > latest):
                latest = lastmod
        # The view sends it as Last-Modified (and answers 304 to a crawler that has it).
        self.latest_lastmod = latest
        return urls


class PortalSitemap(PagedSitemap):
    """Live objects of one model, by primary key, from their slugs and `updated_at`.

    `url_name` is the detail page's route, which takes the slug as its one argument.
    """

    model = None
    url_name = None

    def items(self):
        return self.model.objects.live().order_by("pk")

    def stats_models(self):
        """The models whose live counts and latest changes this section's index entry needs."""
        return [self.model]

    def use_stats(self, stats):
        """Take this section's figures from `live_stats()` (the index asks once for all)."""
        self.stats = stats[self.model]

    def count_and_latest(self):
        return live_stats([self.model])[self.model]

    def rows(self, offset, limit):
        return list(self.items().values_list("slug", "updated_at")[offset : offset + limit])

    @cached_property
    def templates(self):
        """{language: (address before the slug, address after it)}: one reverse per language."""
        templates = {}
        for code in self._languages():
            with override(code):
                path = reverse(self.url_name, kwargs={"slug": PLACEHOLDER})
            head, tail = path.rsplit(PLACEHOLDER, 1)
            templates[code] = (head, tail)
        return templates

    def paths(self, slug):
        # Slugs are ASCII letters, digits, - and _ (bulk writes skip validation: quote anyway).
        slug = quote(slug, safe="")
        return {code: f"{head}{slug}{tail}" for code, (head, tail) in self.templates.items()}

    def lastmod(self, obj):
        return obj.updated_at


class PageSitemap(PagedSitemap):
    """Pages that are not objects: the home page and the list pages.

    `pages` maps each route name to the models whose live items the page shows
    ("app_label.Model"); its `lastmod` is the latest change among them (one aggregate
    query per model).
    """

    def __init__(self, pages):
        self.pages = pages

    def items(self):
        return list(self.pages)

    def stats_models(self):
        labels = {label for page_models in self.pages.values() for label in page_models}
        return [apps.get_model(label) for label in sorted(labels)]

    def use_stats(self, stats):
        self.model_latest = {model._meta.label: stats[model][1] for model in self.stats_models()}

    @cached_property
    def model_latest(self):
        """{"app_label.Model": latest change among its live items} (one query for all)."""
        stats = live_stats(self.stats_models())
        return {model._meta.label: latest for model, (_count, latest) in stats.items()}

    @cached_property
    def site_latest(self):
        return max(filter(None, self.model_latest.values()), default=None)

    def page_lastmod(self, name):
        """The latest change among what the page shows; a list of nothing changed when the
        site last did (when its last item was unpublished, perhaps)."""
        dates = [self.model_latest[label] for label in self.pages[name] if self.model_latest[label]]
        return max(dates, default=self.site_latest)

    def count_and_latest(self):
        return len(self.pages), self.site_latest

    def rows(self, offset, limit):
        return [(name, self.page_lastmod(name)) for name in list(self.pages)[offset : offset + limit]]

    def paths(self, name):
        paths = {}
        for code in self._languages():
            with override(code):
                paths[code] = reverse(name)
        return paths

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.page_lastmod(item)


def index(request, sitemaps, **kwargs):
    """Django's sitemap index, without the sections that have nothing live to list (they
    would be entries without a date, pointing at empty pages).

    The sections are made once here and handed over made, with their counts and latest
    changes from one query for all of them (`live_stats()`).
    """
    sections = {name: site() if callable(site) else site for name, site in sitemaps.items()}
    stats = live_stats(model for site in sections.values() for model in site.stats_models())
    for site in sections.values():
        site.use_stats(stats)
    return django_index(request, {name: site for name, site in sections.items() if site.stats[0]}, **kwargs)
