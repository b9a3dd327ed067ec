"""Rich text: what editors may put in a body, and nothing else.

The admin's editor (django-prose-editor, see core.forms) offers exactly the markup of
EDITOR_EXTENSIONS, and the sanitiser keeps exactly that markup (ALLOWED_TAGS,
ALLOWED_ATTRIBUTES), so what an editor makes is what the public sees. HTML that reaches
the server another way (pasted source, a browser without JavaScript posting the
textarea) is reduced to the same allow-list; `removed_markup` says what went.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import nh3

# The editor's toolbar, as django-prose-editor names its extensions (Tiptap's). Each one
# produces only markup that ALLOWED_TAGS keeps (a test compares the two).
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    # No "open in a new window": links open where the reader chooses.
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {
    # The editor's link dialog has a title; rel is set below, on every link.
    "a": {"href", "title"},
    # A numbered list that starts at 3 (typing "3. " in the editor makes one).
    "ol": {"start"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_REL = "noopener noreferrer"


def sanitise_html(value):
    """Keep only allow-listed tags and attributes; links get rel="noopener noreferrer"."""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


# Elements that make a text HTML rather than plain paragraphs typed into a textarea.
_BLOCK_TAG = re.compile(
    r"<(?:p|h[1-6]|ul|ol|li|blockquote|div|table|pre|hr|dl|figure|section|article|address)\b",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def is_plain_text(value):
    """True for a body written before the editor: no block-level tag, only lines of text."""
    return not _BLOCK_TAG.search(value)


def as_html(value):
    """A body as HTML blocks: plain text becomes paragraphs (a blank line starts a new one,
    a single line break becomes <br>); HTML is returned as it is.

    Bodies from before the editor are plain text; without this their paragraphs would run
    together, since HTML ignores line breaks. The text is not escaped: it was always read
    as HTML (its inline tags and entities kept), and it is sanitised on the way out.
    """
    if not value or not is_plain_text(value):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = (p.strip() for p in _BLANK_LINE.split(text))
    return "".join(
        "<p>{}</p>".format("<br>".join(line.strip() for line in p.split("\n"))) for p in paragraphs if p
    )


def render_rich_text(value):
    """What a public page shows of a body: HTML blocks, sanitised. The result is safe to mark."""
    return sanitise_html(as_html(value or ""))


class _MarkupCounter(HTMLParser):
    """Counts start tags, and attributes by tag, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = Counter()
        self.attributes = Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, _value in attrs:
            self.attributes[(tag, name)] += 1

    handle_startendtag = handle_starttag


def _count(value):
    counter = _MarkupCounter()
    counter.feed(value or "")
    counter.close()
    return counter


def removed_markup(submitted, sanitised):
    """(tags, attributes) that the sanitiser removed: what `submitted` has more of than
    `sanitised`, by name, sorted. An attribute of a removed tag is not listed again
    (the tag says it), and neither is a link's rel, which the sanitiser sets itself.
    An attribute whose value was refused (a javascript: link) counts as removed."""
    before, after = _count(submitted), _count(sanitised)
    tags = sorted(before.tags - after.tags)
    attributes = sorted(
        {
            name
            for (tag, name) in before.attributes - after.attributes
            if tag in ALLOWED_TAGS and not (tag == "a" and name == "rel")
        }
    )
    return tags, attributes
