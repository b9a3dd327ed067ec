"""Template tags for translated content, rich text and download labels."""

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext, pgettext

from core.feeds import site_feed_link
from core.html import render_rich_text
from core.i18n import language_name, note_shown, shown_language
from core.structured_data import dumps, page_graph

register = template.Library()


@register.simple_tag
def translated(obj, field, tag="", rich=False, css=""):
    """Render `obj.<field>` in the active language or its fallback.

    Text shown in another language than the page's carries that language's `lang`
    attribute, so screen readers pronounce it right. `tag` wraps the text in an
    element (p, div, h2 ...); rich text is sanitised again on the way out, and a plain
    text body (from before the editor) becomes paragraphs.
    """
    value = getattr(obj, field, "")
    if not value:
        return ""
    lang = shown_language(obj, field)
    foreign = lang and lang != get_language()
    if lang and not foreign:
        note_shown(obj, field, lang)
    # Sanitised to the allow-list just above, so safe to mark.
    content = mark_safe(render_rich_text(value)) if rich else conditional_escape(value)  # noqa: S308
    if not tag:
        return format_html('<span lang="{}">{}</span>', lang, content) if foreign else content
    attrs = format_html(' class="{}"', css) if css else ""
    if foreign:
        attrs = format_html('{} lang="{}"', attrs, lang)
    return format_html("<{0}{1}>{2}</{0}>", tag, attrs, content)


@register.simple_tag
def foreign_language(obj, field):
    """The language `obj.<field>` is shown in when it is not the page's, else "".

    For text that no element can wrap (an image's alt, a frame's title): the element
    itself gets the `lang`.
    """
    shown = shown_language(obj, field)
    return shown if shown and shown != get_language() else ""


@register.filter
def iso_datetime(value):
    """An ISO 8601 date-time string (as JSON keeps it) as a datetime, for the date filter."""
    parsed = parse_datetime(value or "") if isinstance(value, str) else value
    return timezone.localtime(parsed) if parsed and timezone.is_aware(parsed) else parsed


@register.filter
def richtext(value):
    """A body as HTML: sanitised; plain text (from before the editor) as paragraphs."""
    return mark_safe(render_rich_text(value))  # noqa: S308 (sanitised to the allow-list)


@register.filter(name="language_name")
def language_name_filter(code):
    """A language's name in the active language: "fr" -> "French" / "フランス語"."""
    return language_name(code)


@register.filter
def native_language_name(code):
    """A language's name in itself: "fr" -> "Français"."""
    return language_name(code, native=True)


@register.simple_tag
def download_label(stored_file, language=None):
    """What a download gives you, in the visitor's language: "PDF, 2.1 MB, French, 24 pages",
    or for an image "PNG, 120 KB, English, 1200 × 800 pixels"."""
    parts = [stored_file.format_label, filesizeformat(stored_file.size)]
    language = language or getattr(stored_file, "language", None)
    if language:
        parts.append(language_name(language))
    if stored_file.page_count:
        parts.append(
            ngettext("%(count)s page", "%(count)s pages", stored_file.page_count)
            % {"count": stored_file.page_count}
        )
    elif getattr(stored_file, "width", None) and getattr(stored_file, "height", None):
        parts.append(
            pgettext("pixel size of an image", "%(width)s × %(height)s pixels")
            % {"width": stored_file.width, "height": stored_file.height}
        )
    if getattr(stored_file, "text_layer", None) is False:
        parts.append(pgettext("a download's fact", "image-only PDF, not readable by screen readers"))
    if getattr(stored_file, "is_sample", False):
        parts.append(pgettext("a download's fact", "sample file made by the portal"))
    return pgettext("separator between the facts of a download", ", ").join(str(p) for p in parts)


@register.filter
def verbose_name_of(obj):
    """The kind of a model object, as people call it: "initiative", "publication"."""
    return obj._meta.verbose_name if hasattr(obj, "_meta") else ""


@register.simple_tag(takes_context=True)
def json_ld(context):
    """The page's schema.org JSON-LD (see core.structured_data) as a data block, which
    browsers never execute; nothing on error pages."""
    graph = page_graph(context)
    if graph is None:
        return ""
    # dumps() escapes <, > and &: nothing in the data can end the block.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(dumps(graph)))  # noqa: S308


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context):
    """Autodiscovery links to the feed of everything and the page's own feeds (`feed_links`)."""
    return {"feeds": [site_feed_link(), *context.get("feed_links", ())]}
