"""What search looks in: one Source per kind of content, in the order the page lists kinds.

Each names the translated fields searched (the title first, weighted highest), the
fields a result's excerpt comes from, and where a result links. The querysets are the
models' own `live()`, so search shows exactly what the public pages show: never a
draft, a scheduled item, an initiative of a hidden area, or an editor's unpublished
changes (those wait in core.models.PendingChange, not on the row).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    kind: str
    label: object  # a lazy translation: the kind's name in the plural
    app_label: str
    model_name: str
    fields: tuple  # translated fields searched; the first is the title
    excerpt_fields: tuple  # at most two: the excerpt comes from the first that matches
    url_name: str
    anchor: bool = False  # no page of its own: the list page at the item's anchor

    @property
    def title(self):
        return self.fields[0]

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.app_label, self.model_name)

    def url(self, slug):
        if self.anchor:
            return f"{reverse(self.url_name)}#{slug}"
        return reverse(self.url_name, kwargs={"slug": slug})


SOURCES = (
    Source(
        "category",
        _("Legacy areas"),
        "categories",
        "category",
        ("title", "summary", "body"),
        ("summary", "body"),
        "categories:detail",
    ),
    Source(
        "initiative",
        _("Initiatives"),
        "initiatives",
        "initiative",
        ("title", "summary", "body"),
        ("summary", "body"),
        "initiatives:detail",
    ),
    Source(
        "video",
        _("Videos"),
        "media_library",
        "video",
        ("title", "description", "transcript"),
        ("description", "transcript"),
        "media_library:video_detail",
    ),
    Source(
        "publication",
        _("Publications"),
        "media_library",
        "publication",
        ("title", "summary", "publisher"),
        ("summary", "publisher"),
        "media_library:publication_detail",
    ),
    Source(
        "infographic",
        _("Infographics"),
        "media_library",
        "infographic",
        ("title", "alt_text", "description", "text_version"),
        ("description", "text_version"),
        "media_library:infographic_list",
        anchor=True,
    ),
    Source(
        "seminar",
        _("Seminars"),
        "seminars",
        "seminar",
        ("title", "series", "theme", "venue", "summary", "body"),
        ("summary", "body"),
        "seminars:detail",
    ),
    Source(
        "city",
        _("Partner cities and regions"),
        "seminars",
        "city",
        ("name", "country"),
        ("country",),
        "seminars:city_detail",
    ),
)
BY_KIND = {source.kind: source for source in SOURCES}
