"""The <url> entries of a sitemap page, written directly rather than through template
loops: a page may hold 25,000 of them (see core.sitemaps)."""

import datetime
from xml.sax.saxutils import escape, quoteattr

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def w3c_datetime(value):
    """A lastmod in the W3C format the protocol asks for, in UTC: 2021-11-24T01:00:00+00:00."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
    return value.isoformat()


@register.simple_tag
def sitemap_urls(urlset):
    """One <url> per entry, with its lastmod and its hreflang alternates.

    The entries of one item share their list of alternates and their lastmod, so each
    is written once per item and reused for the item's other languages.
    """
    parts = []
    alternates_xml = lastmod_xml = ""
    last_alternates = last_lastmod = None
    for url in urlset:
        if url["alternates"] is not last_alternates:
            last_alternates = url["alternates"]
            alternates_xml = "".join(
                f'<xhtml:link rel="alternate" hreflang="{a["lang_code"]}" href={quoteattr(a["location"])}/>'
                for a in last_alternates
            )
        if url["lastmod"] is not last_lastmod:
            last_lastmod = url["lastmod"]
            lastmod_xml = f"<lastmod>{w3c_datetime(last_lastmod)}</lastmod>" if last_lastmod else ""
        parts.append(f"<url><loc>{escape(url['location'])}</loc>{lastmod_xml}{alternates_xml}</url>\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
