"""Search text: what a visitor typed, made safe, and the folding both sides are compared in."""

import re
import unicodedata

# A query longer than this is cut: nobody types more, and each word costs a condition.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Latin letters end here; accents are removed only from them (a Japanese voiced mark,
# also a combining character once decomposed, is part of the letter: が is not か).
_LATIN_END = 0x024F
_NOT_WORD = re.compile(r"[^\w]+")


def clean_query(raw):
    """The query as searched: control and format characters (NUL included) removed, runs
    of space made one, at most MAX_QUERY_LENGTH characters."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def fold(text):
    """Case folded, accents removed from Latin letters, full-width forms made plain
    (NFKC): "Héritage" and "HERITAGE" fold alike, 安全 stays 安全."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = []
    base = 0
    for char in decomposed:
        if unicodedata.combining(char):
            if base <= _LATIN_END:
                continue
        else:
            base = ord(char)
        kept.append(char)
    return unicodedata.normalize("NFKC", "".join(kept)).casefold()


def fold_document(text):
    """A document as the SQLite match reads it: folded, punctuation made spaces, with a
    space before every word (so " herit" finds a word that starts so)."""
    return " " + " ".join(_NOT_WORD.sub(" ", fold(text or "")).split()) + " "


def terms(query):
    """The words of a query, folded, without punctuation, at most MAX_TERMS. A single
    Latin letter or digit is left out: it would match nearly everything."""
    words = _NOT_WORD.sub(" ", fold(query)).split()
    return [word for word in words if len(word) > 1 or not word.isascii()][:MAX_TERMS]
