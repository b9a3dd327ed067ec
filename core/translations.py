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
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case, CharField, F, Func, Q, Value, When
from django.db.models.fields.json import KT
from django.db.models.lookups import Exact
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


class TextHash(Func):
    """`text_hash()` computed by the database, so translation states can be counted there.

    SQLite calls `text_hash` itself (registered on each connection by `register_sqlite_functions`);
    PostgreSQL trims the text with the regular expression class `[[:space:]]` (Python's
    `str.strip()` also trims a few control characters no English text ends with) and hashes it.
    """

    output_field = CharField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="portal_text_hash", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = (
            "left(encode(sha256(convert_to(regexp_replace(%(expressions)s, "
            "'^[[:space:]]+|[[:space:]]+$', '', 'g'), 'UTF8')), 'hex'), 12)"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give SQLite connections `portal_text_hash` (TextHash)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_text_hash", 1, text_hash, deterministic=True)


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


def _filled(name):
    return Q(**{f"{name}__isnull": False}) & ~Q(**{name: ""})


def state_expression(model, lang):
    """`object_state()` of every row in `lang`, as a database expression (None when no
    field has English text)."""
    outdated, missing, any_english = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
    for field in translated_fields(model):
        english = build_localized_fieldname(field, SOURCE_LANGUAGE)
        target = build_localized_fieldname(field, lang)
        has_english = _filled(english)
        entry = f"translation_meta__{lang}__{field}"
        # As state(): an entry whose "src" is not the hash of the English as it is now.
        behind = Q(**{f"{entry}__isnull": False}) & (
            Q(**{f"{entry}__src__isnull": True}) | ~Q(Exact(KT(f"{entry}__src"), TextHash(F(english))))
        )
        any_english |= has_english
        missing |= has_english & ~_filled(target)
        outdated |= has_english & _filled(target) & behind
    return Case(
        When(outdated, then=Value(OUTDATED)),
        When(missing, then=Value(MISSING)),
        When(any_english, then=Value(COMPLETE)),
        default=Value(None),
        output_field=CharField(),
    )


def with_states(queryset):
    """Each row also carries `translation_<lang>` (its state in each target language)."""
    return queryset.annotate(
        **{
            f"translation_{lang.replace('-', '_')}": state_expression(queryset.model, lang)
            for lang in TARGET_LANGUAGES
        }
    )


# {(model label, database alias): (sql, params)}: the states query, compiled once per
# process (building and compiling its expressions costs more than running it).
_STATES_SQL = {}


def count_states(model, *, using=DEFAULT_DB_ALIAS):
    """(number of objects, {lang: {state: objects}}) of `model`, counted by the database
    in one query, however many objects there are."""
    connection = connections[using]
    names = [f"translation_{lang.replace('-', '_')}" for lang in TARGET_LANGUAGES]
    key = (model._meta.label, using)
    if key not in _STATES_SQL:
        inner, params = (
            with_states(model._base_manager.using(using).order_by()).values(*names).query.sql_with_params()
        )
        columns = ", ".join(connection.ops.quote_name(name) for name in names)
        # Each row's states once, then grouped (grouping by the expressions repeats them).
        sql = f"SELECT {columns}, COUNT(*) FROM ({inner}) states GROUP BY {columns}"  # noqa: S608 (our own names)
        _STATES_SQL[key] = (sql, params)
    counts = {lang: dict.fromkeys((COMPLETE, MISSING, OUTDATED), 0) for lang in TARGET_LANGUAGES}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(*_STATES_SQL[key])
        for *states, objects in cursor.fetchall():
            total += objects
            for lang, state in zip(TARGET_LANGUAGES, states, strict=True):
                if state:
                    counts[lang][state] += objects
    return total, counts


def origin(instance, field, lang):
    """OFFICIAL or PORTAL for a text shown in `lang`; None for the source language."""
    if lang == SOURCE_LANGUAGE:
        return None
    return (instance.translation_meta or {}).get(lang, {}).get(field, {}).get("origin", PORTAL)
