"""Template helpers for the media library's pages."""

from urllib.parse import urlsplit

from django import template

from core.i18n import shown_language

register = template.Library()


@register.filter
def url_host(url):
    """https://www.example.org/a/b -> example.org: the site a link leads to."""
    return (urlsplit(url or "").hostname or "").removeprefix("www.")


@register.simple_tag
def field_language(obj, field):
    """The language `obj.<field>` is shown in, for a `lang` attribute where no element can wrap
    the text (an image's alt)."""
    return shown_language(obj, field) or ""
