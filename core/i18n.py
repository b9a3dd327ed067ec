"""Which language a translated field is really shown in, given modeltranslation's fallbacks."""

import contextvars

from django.conf import settings
from django.utils.translation import get_language, get_language_info, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname, resolution_order

from core import translations

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def shown_language(obj, field, language=None):
    """The language whose value `obj.<field>` shows in `language` (default: the active one).

    None when no language has a value, so there is nothing to mark up.
    """
    for code in resolution_order(language or get_language()):
        if getattr(obj, build_localized_fieldname(field, code), None):
            return code
    return None


def fallback_language(obj, fields=("title", "summary", "body")):
    """The language the page is shown in when its content is not in the active language.

    None when every field that has content anywhere has it in the active language.
    """
    active = get_language()
    for field in fields:
        shown = shown_language(obj, field, active)
        if shown and shown != active:
            return shown
    return None


# Language names as they read inside a sentence or a list of facts ("shown in English",
# "PDF, 2 MB, French"): French writes them in lower case, so they are our own msgids.
LANGUAGE_NAMES_IN_TEXT = {
    "en": pgettext_lazy("language name in running text", "English"),
    "ja": pgettext_lazy("language name in running text", "Japanese"),
    "fr": pgettext_lazy("language name in running text", "French"),
    "zh-hans": pgettext_lazy("language name in running text", "Simplified Chinese"),
    "ko": pgettext_lazy("language name in running text", "Korean"),
}


# Each language's name in itself, as language switchers write them.
NATIVE_NAMES = {"en": "English", "ja": "日本語", "fr": "Français", "zh-hans": "简体中文", "ko": "한국어"}


def language_name(code, *, native=False):
    """A language's name in the active language, or (native=True) in itself."""
    if native:
        return NATIVE_NAMES.get(code) or get_language_info(code)["name_local"]
    return str(LANGUAGE_NAMES_IN_TEXT.get(code) or get_language_info(code)["name_translated"])


def sorted_by_language(items, key=lambda item: item.language):
    """Order per-language rows as settings.LANGUAGES does (English first)."""
    order = {code: i for i, code in enumerate(LANGUAGE_CODES)}
    return sorted(items, key=lambda item: order.get(key(item), len(order)))


# What the page being rendered shows of its translations (see TranslationNoteMiddleware).
_page_translations = contextvars.ContextVar("page_translations", default=None)


class PageTranslations:
    """Collected while a page renders: did it show a portal translation, an outdated one?"""

    def __init__(self):
        self.portal = False
        self.outdated = False


def start_page():
    return _page_translations.set(PageTranslations())


def end_page(token):
    holder = _page_translations.get()
    _page_translations.reset(token)
    return holder


def note_shown(obj, field, lang):
    """Record that `obj.<field>` was shown in `lang` (the page's language)."""
    holder = _page_translations.get()
    if holder is None or lang == translations.SOURCE_LANGUAGE or not hasattr(obj, "translation_meta"):
        return
    if translations.origin(obj, field, lang) == translations.PORTAL:
        holder.portal = True
    if translations.state(obj, field, lang) == translations.OUTDATED:
        holder.outdated = True
