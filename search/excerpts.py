"""A result's title and a short excerpt, with the words searched for in <mark>.

Done in Python on the page's few results, the same on every database: the text is
folded character by character (search.text.fold), so "heritage" marks "héritage",
and a match in a spaced language runs to the end of its word, so "volunteer" marks
"volunteers" as the stemmer found it.
"""

import html
import re

from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

from search.text import fold

EXCERPT_LENGTH = 220
_WORD = re.compile(r"\w")


def plain(text):
    """Rich text as words: no markup, entities decoded, one space between words."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


def _folded_with_positions(text):
    """The folded text, and for each of its characters the index of the original one."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded.append(folded_char)
            positions.append(index)
    return "".join(folded), positions


def _stems(word):
    """The word, and shorter forms a stemmer may have matched ("cities" → "citi", "cit")."""
    forms = [word]
    for ending in ("ing", "es", "ed", "s", "e", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            forms.append(word[: -len(ending)])
    return forms


def spans(text, words, *, spaced):
    """(start, end) of each match in `text`, in order, not overlapping."""
    folded, positions = _folded_with_positions(text)
    found = []
    for word in words:
        for form in _stems(word) if spaced else [word]:
            start = folded.find(form)
            while start != -1:
                end = start + len(form)
                at_word_start = start == 0 or not _WORD.match(folded[start - 1])
                if not spaced or at_word_start:
                    if spaced:
                        while end < len(folded) and _WORD.match(folded[end]):
                            end += 1
                    found.append((positions[start], positions[end - 1] + 1))
                start = folded.find(form, start + 1)
    merged = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text, matches, offset=0):
    pieces, at = [], offset
    for start, end in matches:
        pieces.append(conditional_escape(text[at:start]))
        pieces.append(mark_safe(f"<mark>{conditional_escape(text[start:end])}</mark>"))  # noqa: S308 (escaped)
        at = end
    pieces.append(conditional_escape(text[at:]))
    return mark_safe("".join(pieces))  # noqa: S308 (each piece escaped above)


def highlight(text, words, *, spaced):
    """The whole text, escaped, its matches in <mark>."""
    return _marked(text, spans(text, words, spaced=spaced))


def excerpt(texts, words, *, spaced):
    """(html, language) of a short excerpt around the first match in the first text that
    has one (else the first text's beginning). `texts` are (text, language, is rich
    text) triples: rich text loses its markup, plain text keeps every character."""
    candidates = [
        (plain(text) if rich else " ".join(text.split()), language) for text, language, rich in texts
    ]
    candidates = [(text, language) for text, language in candidates if text]
    if not candidates:
        return "", ""
    chosen, matches = candidates[0], []
    for text, language in candidates:
        found = spans(text, words, spaced=spaced)
        if found:
            chosen, matches = (text, language), found
            break
    text, language = chosen
    first = matches[0][0] if matches else 0
    start = max(0, first - EXCERPT_LENGTH // 3)
    if start and spaced:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space != -1 and start - space < 20 else start
    stop = min(len(text), start + EXCERPT_LENGTH)
    if stop < len(text) and spaced:
        space = text.rfind(" ", start, stop)
        stop = space if space > start + EXCERPT_LENGTH // 2 else stop
    inside = [(max(a, start), min(b, stop)) for a, b in matches if b > start and a < stop]
    body = _marked(text[:stop], inside, offset=start)
    before = "… " if start else ""
    after = " …" if stop < len(text) else ""
    return mark_safe(f"{before}{body}{after}"), language  # noqa: S308 (escaped in _marked)
