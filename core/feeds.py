"""Atom feeds: the document they are written as, and the base every feed of the portal builds on.

A feed is a `PortalFeed` (Django's syndication framework) made of `Source`s, one per
kind of content it holds: the initiatives feed has one, the site-wide feed has every
kind. Each source takes the latest live items of its kind, newest first, in a fixed
number of queries (the model's `for_feed()`); the feed merges them and keeps the
latest `FEED_LIMIT`. Each content app defines its sources and kind feeds in its own
`feeds.py`; the `feeds` app puts them together (everything, one per category) and
lists them at `/<lang>/feeds/`.

An entry carries:
- its title and a plain-text summary in the feed's language, or in the language
  the page falls back to (`xml:lang` on the element then says which);
- `published`: when it was first published; `updated`: when it last changed in a way
  the public was told of (not a minor correction), else when first published. Content
  loaded from the content files never went through the publish step: for it, both are
  the moment it became public (`publish_at`, else when it was created);
- the issuing body as author (core.organisation), `urn:uuid:<uuid>` as its id (the same
  in every language and never reused), a link to its page in the feed's language;
- one `link rel="enclosure"` per file (a publication's files, an initiative's
  documents, an infographic's original), pointing at the counted download, with the
  file's length in bytes, type and language.

Feeds are public pages like any other: no cookie, kept by the page cache
(core.page_cache), an ETag from their body (ConditionalGetMiddleware). The view sends no
Last-Modified of its entries' dates, as Django's would: an entry corrected without a
public update keeps its dates, and a client asking only "modified since?" would then
never see the correction. The page cache dates its copy by when it was made instead.
"""

import copy
import dataclasses
import html
import re

from django.contrib.syndication.views import Feed
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, rfc3339_date
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, gettext, pgettext

from core import organisation
from core.i18n import language_name, shown_language
from core.models import RichTextField

# The most entries a feed holds: the latest ones.
FEED_LIMIT = 50
# The longest summary, in characters (CJK text has no words to count).
SUMMARY_CHARACTERS = 400


def published_date(item):
    """When the item was first published (see core.models.FEED_DATE_FIELDS)."""
    return item.first_published_at or item.publish_at or item.created_at


def updated_date(item):
    """When the public was last told of a change; feeds are sorted by it, as in SQL by
    `recently_updated()`."""
    return item.public_updated_at or published_date(item)


def site_name():
    return gettext("Tokyo 2020 Legacy Portal")


def full_title(name):
    """A feed's title as readers list it: "Initiatives – Tokyo 2020 Legacy Portal"."""
    return f"{name} – {site_name()}"


@dataclasses.dataclass(frozen=True)
class FeedLink:
    """A feed as a page's head announces it (autodiscovery) and the feeds page lists it."""

    title: str
    url: str


def site_feed_link():
    """The feed of everything new or updated, which every page announces."""
    return FeedLink(full_title(gettext("Everything new or updated")), reverse("feeds:all"))


class FileEnclosure(Enclosure):
    """A downloadable file of an entry: Django's enclosure, plus its language and a label."""

    def __init__(self, url, length, mime_type, *, language="", title=""):
        super().__init__(url, str(length), mime_type)
        self.language = language
        self.title = title


@dataclasses.dataclass(frozen=True)
class AtomCategory:
    term: str
    label: str = ""
    scheme: str = ""


class PortalAtomFeed(Atom1Feed):
    """Django's Atom 1.0 document, with what the portal's entries say beyond it: the
    language of a title or summary shown in a fallback language, a plain-text summary,
    enclosures with their language and label, labelled categories and related links."""

    def latest_post_date(self):
        # Django's default for a feed without entries is "now", which would change the
        # document (and its ETag) on every request.
        if not self.items and self.feed.get("updated_if_empty"):
            return self.feed["updated_if_empty"]
        return super().latest_post_date()

    def add_item_elements(self, handler, item):
        language = self.feed["language"]

        def lang(code):
            return {"xml:lang": code} if code and code != language else {}

        handler.addQuickElement("title", item["title"], {"type": "text", **lang(item.get("title_language"))})
        handler.addQuickElement(
            "link", "", {"rel": "alternate", "type": "text/html", "hreflang": language, "href": item["link"]}
        )
        for url in item.get("related_links", ()):
            handler.addQuickElement("link", "", {"rel": "related", "href": url})
        for enclosure in item["enclosures"]:
            attrs = {"rel": "enclosure", "href": enclosure.url, "length": enclosure.length}
            attrs["type"] = enclosure.mime_type
            if getattr(enclosure, "language", ""):
                attrs["hreflang"] = enclosure.language
            if getattr(enclosure, "title", ""):
                attrs["title"] = enclosure.title
            handler.addQuickElement("link", "", attrs)
        handler.addQuickElement("id", item["unique_id"])
        if item["pubdate"] is not None:
            handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"] or item["pubdate"]))
        if item["author_name"] is not None:
            handler.startElement("author", {})
            handler.addQuickElement("name", item["author_name"])
            if item["author_link"] is not None:
                handler.addQuickElement("uri", item["author_link"])
            handler.endElement("author")
        if item["description"]:
            handler.addQuickElement(
                "summary", item["description"], {"type": "text", **lang(item.get("summary_language"))}
            )
        for category in item.get("atom_categories", ()):
            attrs = {"term": category.term}
            if category.scheme:
                attrs["scheme"] = category.scheme
            if category.label:
                attrs["label"] = category.label
            handler.addQuickElement("category", "", attrs)


# Where a rich-text body's blocks end: a space keeps their words apart once the tags are gone.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value, *, rich=False):
    """A summary, or a rich-text body without its markup, as one line of text, shortened."""
    text = value or ""
    if rich:
        text = html.unescape(strip_tags(BLOCK_END.sub(" ", text)))
    return Truncator(re.sub(r"\s+", " ", text).strip()).chars(SUMMARY_CHARACTERS)


class Source:
    """One kind of content in feeds: which items, their title and summary, their files.

    Subclasses set `model` (its queryset has `live()`, `for_feed()` and
    `recently_updated()`) and, to appear in a category's feed, `category_lookup`.
    """

    model = None
    title_field = "title"
    # The first of these with text is the summary (a rich-text body loses its markup).
    summary_fields = ("summary", "body")
    # The lookup that ties an item to a legacy category ("category", "categories").
    category_lookup = None

    def latest(self, limit, **filters):
        """The latest `limit` live items, newest first, in a fixed number of queries."""
        return list(self.model.objects.live().filter(**filters).for_feed().recently_updated()[:limit])

    def in_category(self, category, limit):
        return self.latest(limit, **{self.category_lookup: category})

    def title(self, item):
        return getattr(item, self.title_field)

    def title_language(self, item):
        return shown_language(item, self.title_field)

    def summary_field(self, item):
        return next((field for field in self.summary_fields if getattr(item, field, "")), None)

    def files(self, item):
        """The item's downloads as (stored file, its counted download URL), in display order."""
        return []

    def related_links(self, item):
        """Addresses elsewhere that the item is about (a video on another site)."""
        return []

    def categories(self, item, absolute):
        """What the item is, as Atom categories: its kind, then anything it belongs to."""
        label = capfirst(self.model._meta.verbose_name)
        return [AtomCategory(term=self.model._meta.model_name, label=label)]


class PortalFeed(Feed):
    """An Atom feed of the latest live items of its `sources`, in the active language.

    `name` is its short title, `subtitle` says what it holds (the feeds page shows both),
    `url_name` is its route and `page_url_name` the page it is the feed of.
    """

    feed_type = PortalAtomFeed
    sources = ()
    limit = FEED_LIMIT
    name = ""
    subtitle = ""
    url_name = ""
    page_url_name = "home"

    def __call__(self, request, *args, **kwargs):
        # The framework keeps one instance per route; each request gets its own copy,
        # which knows the request (for absolute addresses of files).
        feed = copy.copy(self)
        feed.request = request
        response = Feed.__call__(feed, request, *args, **kwargs)
        del response["Last-Modified"]  # see the module's docstring
        return response

    @classmethod
    def feed_link(cls):
        """This feed as a page announces it (see FeedLink)."""
        return FeedLink(full_title(cls.name), reverse(cls.url_name))

    def absolute(self, url):
        return self.request.build_absolute_uri(url)

    # The feed.

    def get_sources(self, obj):
        """(source, items) pairs; a feed about an object (a category) filters them."""
        return [(source, source.latest(self.limit)) for source in self.sources]

    def items(self, obj):
        found = []
        for source, items in self.get_sources(obj):
            for item in items:
                item.feed_source = source
                found.append(item)
        found.sort(key=lambda item: (updated_date(item), str(item.uuid)), reverse=True)
        return found[: self.limit]

    def title(self, obj):
        return full_title(self.name)

    def link(self, obj):
        return reverse(self.page_url_name)

    def feed_guid(self, obj):
        return self.absolute(self.request.path)

    def author_name(self, obj):
        return str(organisation.NAME)

    def author_link(self, obj):
        return organisation.website(get_language())

    def feed_extra_kwargs(self, obj):
        return {"updated_if_empty": self.updated_if_empty(obj)}

    def updated_if_empty(self, obj):
        return updated_date(obj) if obj is not None else None

    # Its entries.

    def item_title(self, item):
        return item.feed_source.title(item)

    def item_description(self, item):
        field = item.feed_source.summary_field(item)
        if not field:
            return ""
        rich = isinstance(item._meta.get_field(field), RichTextField)
        return plain_text(getattr(item, field), rich=rich)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return published_date(item)

    def item_updateddate(self, item):
        return updated_date(item)

    def item_author_name(self, item):
        return str(organisation.NAME)

    def item_author_link(self, item):
        return organisation.website(get_language())

    def item_enclosures(self, item):
        enclosures = []
        for stored_file, url in item.feed_source.files(item):
            language = getattr(stored_file, "language", "")
            parts = [stored_file.format_label, filesizeformat(stored_file.size)]
            if language:
                parts.append(language_name(language))
            label = pgettext("separator between the facts of a download", ", ").join(str(p) for p in parts)
            enclosures.append(
                FileEnclosure(
                    self.absolute(url),
                    stored_file.size,
                    stored_file.mime_type,
                    language=language,
                    title=label,
                )
            )
        return enclosures

    def item_extra_kwargs(self, item):
        source = item.feed_source
        field = source.summary_field(item)
        return {
            "title_language": source.title_language(item),
            "summary_language": shown_language(item, field) if field else None,
            "related_links": source.related_links(item),
            "atom_categories": source.categories(item, self.absolute),
        }
