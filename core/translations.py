"""What the site knows about each translation: where it comes from, and whether it is
behind the English.

English is the source language. For each translated field of an object and each
other language that has text, `translation_meta` keeps (on the object's own row, so
pages need no query for it):

- "origin": "official" when the text is the city's own (from its publications), or
  "portal" when the portal team translated it (new or rewritten text; staff can mark
  it official in the admin, the loader from the content files' `official` lists);
- "src": a short hash of the English text the translation was made from. When the
  English changes and the translation does not, the two differ: the translation is
  "outdated" until someone updates it or confirms it (mark_current).

{"ja": {"title": {"origin": "official", "src": "3f2a9c1e0b7d"}}, "fr": {...}}
"""

import copy
import hashlib

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = "en"
OFFICIAL, PORTAL = "official", "portal"
COMPLETE, MISSING, OUTDATED = "complete", "missing", "outdated"
TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def translated_fields(model):
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def text_hash(value):
    return hashlib.sha256((value or "").strip().encode()).hexdigest()[:12]


def update_meta(instance):
    """Bring `instance.translation_meta` up to date before a save (one query for the old row).

    A translation that is new or changed since the stored row was made from the
    current English; one that was emptied is forgotten; the others keep what they had.
    """
    fields = translated_fields(type(instance))
    if not fields:
        return
    names = [build_localized_fieldname(f, lang) for f in fields for lang in TARGET_LANGUAGES]
    old = {}
    if instance.pk is not None:
        old = type(instance)._base_manager.filter(pk=instance.pk).values(*names).first() or {}
    meta = copy.deepcopy(instance.translation_meta or {})
    for field in fields:
        source = text_hash(getattr(instance, build_localized_fieldname(field, SOURCE_LANGUAGE)))
        for lang in TARGET_LANGUAGES:
            name = build_localized_fieldname(field, lang)
            value = getattr(instance, name)
            entries = meta.setdefault(lang, {})
            if not value:
                entries.pop(field, None)
                continue
            entry = entries.get(field)
            if entry is None or value != old.get(name, value):
                # New or rewritten here: the portal's text, made from the English as it is now
                # (an editor who rewrote it from the city's own can mark it official).
                entries[field] = {"origin": PORTAL, "src": source}
    instance.translation_meta = {lang: entries for lang, entries in meta.items() if entries}


def set_origin(instance, lang, origin, fields=None):
    """Mark the object's `lang` texts (or some `fields`) as the city's own or the portal's."""
    for field, entry in instance.translation_meta.get(lang, {}).items():
        if fields is None or field in fields:
            entry["origin"] = origin


def mark_current(instance, lang):
    """Confirm that the object's `lang` texts match the English as it is now."""
    for field, entry in instance.translation_meta.get(lang, {}).items():
        entry["src"] = text_hash(getattr(instance, build_localized_fieldname(field, SOURCE_LANGUAGE)))


def state(instance, field, lang):
    """COMPLETE, MISSING or OUTDATED for one field in one language; None when the English
    itself is empty (nothing to translate)."""
    english = getattr(instance, build_localized_fieldname(field, SOURCE_LANGUAGE))
    if not english:
        return None
    if not getattr(instance, build_localized_fieldname(field, lang)):
        return MISSING
    entry = (instance.translation_meta or {}).get(lang, {}).get(field)
    if entry and entry.get("src") != text_hash(english):
        return OUTDATED
    return COMPLETE


def object_state(instance, lang):
    """The worst state of the object's fields in `lang` (OUTDATED beats MISSING beats COMPLETE)."""
    states = {state(instance, field, lang) for field in translated_fields(type(instance))} - {None}
    for worst in (OUTDATED, MISSING):
        if worst in states:
            return worst
    return COMPLETE if states else None


def origin(instance, field, lang):
    """OFFICIAL or PORTAL for a text shown in `lang`; None for the source language."""
    if lang == SOURCE_LANGUAGE:
        return None
    return (instance.translation_meta or {}).get(lang, {}).get(field, {}).get("origin", PORTAL)
