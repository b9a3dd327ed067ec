"""Template helpers for the media library's pages."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def url_host(url):
    """https://www.example.org/a/b -> example.org: the site a link leads to."""
    return (urlsplit(url or "").hostname or "").removeprefix("www.")
