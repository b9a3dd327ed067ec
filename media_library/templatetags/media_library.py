"""Template helpers for the media library's pages."""

from itertools import groupby
from urllib.parse import urlsplit

from django import template
from django.db.models import Subquery

from core.i18n import sorted_by_language
from media_library.models import EditionFile, Infographic, InfographicArchive, Publication, Video
from media_library.models.publications import PublicationKind

register = template.Library()


@register.filter
def url_host(url):
    """https://www.example.org/a/b -> example.org: the site a link leads to."""
    return (urlsplit(url or "").hostname or "").removeprefix("www.")


@register.inclusion_tag("home/featured_videos.html")
def render_featured_videos(limit=6):
    """The videos an editor chose for the home page (one query)."""
    return {"featured_videos": Video.objects.live().featured().for_listing()[:limit]}


@register.inclusion_tag("home/message_card.html")
def render_message_card():
    """The newest live message card and its files, in one query (from the files' side).
    A message card with no file yet is not shown: the block is its download."""
    card = Publication.objects.live().filter(kind=PublicationKind.MESSAGE_CARD).values("pk")[:1]
    files = list(
        EditionFile.objects.filter(edition__publication=Subquery(card))
        .select_related("edition__publication")
        .order_by("edition__position", "edition__pk")
    )
    return {
        "message_card": files[0].edition.publication if files else None,
        # Edition by edition, each one's files in the site's language order.
        "message_card_files": [
            file
            for _edition, group in groupby(files, key=lambda f: f.edition_id)
            for file in sorted_by_language(group)
        ],
    }


@register.inclusion_tag("home/latest_publications.html")
def render_latest_publications(limit=3):
    """The newest live publications other than message cards, with their editions for the
    date (two queries: a card lists no files)."""
    publications = Publication.objects.live().for_cards().exclude(kind=PublicationKind.MESSAGE_CARD)
    return {"latest_publications": publications.newest_first()[:limit]}


@register.inclusion_tag("home/infographics.html")
def render_infographics(limit=6):
    """The first live infographics, how many there are, and the ZIP of all of them: three
    queries, and the same page whatever their number."""
    infographics = list(Infographic.objects.live().for_listing().with_total()[:limit])
    return {
        "infographics": infographics,
        "infographic_count": infographics[0].total if infographics else 0,
        "infographic_archive": InfographicArchive.current(),
    }
