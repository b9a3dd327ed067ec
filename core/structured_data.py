"""schema.org structured data (JSON-LD) that every public page carries in its head.

A view describes what its page is about (an Event, a VideoObject, a Book...) with the
helpers of `PageData`, from the objects it has already fetched; the `{% json_ld %}` tag
in base.html adds what every page has: the WebPage itself, the WebSite, the
BreadcrumbList of the page's trail and the issuing GovernmentOrganization
(core.organisation), and renders the whole as one `@graph` in a
`<script type="application/ld+json">` data block (never executed, so the strict CSP
allows it).

Texts are the ones the page shows, in the page's language; a node's `inLanguage` is
the language its name is shown in, and a text of the node shown in another language
(a fallback) is a language-tagged literal: `{"@value": "...", "@language": "en"}`.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import get_language, gettext

from core import organisation
from core.i18n import shown_language

CONTEXT = "https://schema.org"
SCHEMA = "https://schema.org/"

# Nothing inside the data block may end it ("</script>") or open a comment ("<!--").
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dumps(data):
    """JSON for a <script type="application/ld+json"> block: <, > and & escaped as \\u003c..."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_ESCAPES)


def iso(moment):
    """A date-time as ISO 8601 to the second: "2021-12-15T00:00:00+00:00"."""
    return moment.replace(microsecond=0).isoformat()


def content_size(size):
    """schema.org's contentSize, "File size in (mega/kilo)bytes": "412 KB", "2.1 MB" (not localised)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class PageData:
    """What one page says about itself, built by its view (see PageMixin.describe).

    `entities` are the nodes the page is about, the first one its `mainEntity`;
    `page` holds extra properties of the WebPage node itself.
    """

    def __init__(self, request, *, page_type="WebPage"):
        self.request = request
        self.language = get_language()
        self.page_type = page_type
        self.url = request.build_absolute_uri(request.path)
        self.origin = request.build_absolute_uri("/")
        self.entities = []
        self.page = {}
        # The language of the page's description, when it comes from content (it may fall back).
        self.description_language = None

    def absolute(self, url):
        """An absolute address (media on object storage already is one)."""
        return self.request.build_absolute_uri(url)

    def node_id(self, name):
        """A node's identifier: the page's address with a fragment ("…/seminars/x/#event")."""
        return f"{self.url}#{name}"

    @property
    def organisation_id(self):
        return f"{self.origin}#organisation"

    @property
    def website_id(self):
        return f"{self.origin}#website"

    def organisation_ref(self):
        return {"@id": self.organisation_id}

    def text(self, obj, field, language=None):
        """`obj.<field>` as the page shows it: a plain string in `language` (the page's by
        default), a language-tagged literal when the text falls back to another language."""
        value = getattr(obj, field, "")
        shown = shown_language(obj, field)
        if not value or not shown or shown == (language or self.language):
            return value
        return {"@value": value, "@language": shown}

    def shown_language(self, obj, field):
        """The language `obj.<field>` is shown in on this page (its node's inLanguage)."""
        return shown_language(obj, field) or self.language

    def add(self, entity):
        self.entities.append(entity)
        return entity

    def image(self, url, *, width=None, height=None, caption=None):
        node = {"@type": "ImageObject", "url": self.absolute(url), "contentUrl": self.absolute(url)}
        if width and height:
            node.update(width=width, height=height)
        if caption:
            node["caption"] = caption
        return node

    def media_object(self, stored_file, *, name=None, language=None):
        """A downloadable file: the counted download address, its format, size and language.

        Images are ImageObjects (with their stored pixel size), the rest MediaObjects.
        """
        image = stored_file.mime_type.startswith("image/")
        node = {"@type": "ImageObject" if image else "MediaObject"}
        if name:
            node["name"] = name
        node.update(
            contentUrl=self.absolute(stored_file.get_absolute_url()),
            encodingFormat=stored_file.mime_type,
            contentSize=content_size(stored_file.size),
        )
        if language:
            node["inLanguage"] = language
        if image and stored_file.width and stored_file.height:
            node.update(width=stored_file.width, height=stored_file.height)
        return node

    def og_image(self, image, width, height, alt=""):
        """The OpenGraph image of a page from an image field and its stored size (None if empty)."""
        if not image:
            return None
        return {"url": self.absolute(image.url), "width": width, "height": height, "alt": alt}

    def publication_dates(self, obj):
        """datePublished/dateModified of a public item, from its publishing record."""
        dates = {}
        if obj.first_published_at:
            dates["datePublished"] = iso(obj.first_published_at)
        if obj.public_updated_at:
            dates["dateModified"] = iso(obj.public_updated_at)
        return dates


def page_graph(context):
    """The page's whole JSON-LD document, from its template context; None on error pages."""
    request = context.get("request")
    if request is None or context.get("error_title"):
        return None
    data = context.get("structured_data") or PageData(request)
    language = data.language
    site_name = gettext("Tokyo 2020 Legacy Portal")
    home_url = data.absolute(reverse("home"))
    page_title = context.get("page_title") or site_name
    title_lang = context.get("page_title_lang")

    publisher = {
        "@type": "GovernmentOrganization",
        "@id": data.organisation_id,
        "name": str(organisation.NAME),
        "url": organisation.website(language),
    }
    website = {
        "@type": "WebSite",
        "@id": data.website_id,
        "url": home_url,
        "name": site_name,
        "inLanguage": language,
        "publisher": data.organisation_ref(),
    }
    page = {
        "@type": data.page_type,
        "@id": data.url,
        "url": data.url,
        "name": {"@value": str(page_title), "@language": title_lang} if title_lang else str(page_title),
        "inLanguage": language,
        "isPartOf": {"@id": data.website_id},
        "publisher": data.organisation_ref(),
    }
    description = context.get("page_description")
    if description:
        shown = data.description_language
        page["description"] = (
            {"@value": str(description), "@language": shown}
            if shown and shown != language
            else str(description)
        )
    graph = [page, website, publisher]
    trail = breadcrumb_list(context, data, page_title, title_lang, home_url)
    if trail:
        page["breadcrumb"] = {"@id": trail["@id"]}
        graph.append(trail)
    og_image = context.get("og_image")
    if og_image:
        page["primaryImageOfPage"] = data.image(
            og_image["url"], width=og_image.get("width"), height=og_image.get("height")
        )
    if data.entities:
        page["mainEntity"] = {"@id": data.entities[0]["@id"]}
    page.update(data.page)
    graph += data.entities
    return {"@context": CONTEXT, "@graph": graph}


def breadcrumb_list(context, data, page_title, title_lang, home_url):
    """The trail that includes/breadcrumbs.html shows: home, the ancestors, the page."""
    if not context.get("page_title") or context.get("is_home"):
        return None
    items = [(gettext("Home"), home_url)]
    items += [(str(label), data.absolute(url)) for label, url in context.get("breadcrumbs") or []]
    elements = [
        {"@type": "ListItem", "position": i, "name": name, "item": {"@type": "WebPage", "@id": url}}
        for i, (name, url) in enumerate(items, start=1)
    ]
    last = {"@value": str(page_title), "@language": title_lang} if title_lang else str(page_title)
    elements.append(
        {"@type": "ListItem", "position": len(elements) + 1, "name": last, "item": {"@id": data.url}}
    )
    return {"@type": "BreadcrumbList", "@id": data.node_id("breadcrumb"), "itemListElement": elements}
