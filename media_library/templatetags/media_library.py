"""Template helpers for the media library's pages."""

from urllib.parse import urlsplit

from django import template

from media_library.models import Infographic, InfographicArchive, Publication, Video
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
    """The newest live message card, with its files (three queries)."""
    cards = Publication.objects.live().for_listing().filter(kind=PublicationKind.MESSAGE_CARD)
    return {"message_card": cards.first()}


@register.inclusion_tag("home/latest_publications.html")
def render_latest_publications(limit=3):
    """The newest live publications other than message cards (three queries)."""
    publications = Publication.objects.live().for_listing().exclude(kind=PublicationKind.MESSAGE_CARD)
    return {"latest_publications": publications.newest_first()[:limit]}


@register.inclusion_tag("home/infographics.html")
def render_infographics(limit=6):
    """The first live infographics, and the ZIP of all of them."""
    infographics = list(Infographic.objects.live().for_listing())
    return {
        "infographics": infographics[:limit],
        "infographic_count": len(infographics),
        "infographic_archive": InfographicArchive.current(live=infographics),
    }
