"""Loading the legacy content from the project's own files in `content/`.

Each content app has a `content.py` with `load(loader)`, which reads its YAML file
and calls `loader.upsert()` and `loader.attach_file()`. The `load_legacy_content`
command runs them in INSTALLED_APPS order inside one transaction.

Idempotence and editors' changes: for every object it writes, the loader records a
fingerprint of the values it wrote (core.LoadedContent). On a later run:
- values in the database equal to the content file's: left alone ("unchanged");
- database still equal to what the loader last wrote: updated to the file's values;
- database changed since (an editor's edit): kept, unless `overwrite=True`.
"""

import hashlib
import json
import uuid
from collections import Counter
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from core import revisions
from core.models import LoadedContent, StandIn, Transition
from core.translations import OFFICIAL, PORTAL, translated_fields

CONTENT_DIR = settings.BASE_DIR / "content"
# libyaml's parser where PyYAML was built with it (the wheels are): the same safe subset
# of YAML, read ten times faster than by the pure-Python one.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept"


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def fingerprint(values):
    data = json.dumps({k: _plain(v) for k, v in sorted(values.items())}, default=str, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def translations(field, texts):
    """{"en": "Title", "ja": "題"} -> {"title_en": "Title", "title_ja": "題", "title_fr": "", ...}.

    Languages the content file does not give are stored empty, so fallback works.
    """
    texts = texts or {}
    unknown = set(texts) - set(LANGUAGE_CODES)
    if unknown:
        raise ValueError(f"Unknown language(s) {sorted(unknown)} in {field!r}")
    return {
        build_localized_fieldname(field, code): (texts.get(code) or "").strip() for code in LANGUAGE_CODES
    }


# Pairs of marks that every complete text closes. Apostrophes (’) are left out: "Tokyo’s".
PAIRED_MARKS = {
    "“": "”",
    "«": "»",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
    "(": ")",
    "（": "）",
    "[": "]",
    "【": "】",
}


class TruncatedText(ValueError):
    pass


def check_comments(text, *, where):
    """Refuse a comment on the same line as an unquoted value.

    YAML ends an unquoted value at " #": `description: The #ARIGATO film` loads as
    `The`, whatever marks the text has or lacks. A comment goes on a line of its own,
    and a value with " #" in it is quoted.
    """
    lines = text.splitlines()
    for token in yaml.scan(text, Loader=YamlLoader):
        if not (isinstance(token, yaml.ScalarToken) and token.plain):
            continue
        end = token.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if rest.lstrip().startswith("#"):
            raise TruncatedText(
                f"{where}, line {end.line + 1}: the unquoted value {token.value!r} is followed by "
                f"{rest.strip()!r}, which YAML reads as a comment. If the text contains “ #”, quote "
                "the whole value; otherwise put the comment on a line of its own."
            )


def check_texts(data, *, where):
    """Refuse a content file with a text that stops inside a quotation or a bracket.

    In YAML an unquoted value ends at " #" (the rest of the line is a comment), so
    `Cut of the film “TOKYO 2020 #ARIGATO”` loads as `Cut of the film “TOKYO 2020`.
    Such a value is left with an open mark; quoting it in the file is the fix.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            check_texts(value, where=f"{where} › {key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            check_texts(value, where=f"{where} › {index}")
    elif isinstance(data, str):
        for opening, closing in PAIRED_MARKS.items():
            if data.count(opening) != data.count(closing):
                raise TruncatedText(
                    f"{where}: {data!r} opens {opening} without closing it. If the text contains "
                    "“ #”, quote the whole value: in YAML an unquoted “ #” starts a comment."
                )
        if data.count('"') % 2:
            raise TruncatedText(f"{where}: {data!r} has an unmatched double quote.")


# The namespace of the UUIDs of the content the portal ships (see content_uuid).
CONTENT_NAMESPACE = uuid.UUID("6c1f4c1e-2f0b-5c43-9a55-1e9dadd3a000")


def content_uuid(model, lookup):
    """The UUID of a shipped object, derived from its model and natural key, so the same
    content has the same identifier on every installation (the open data's `id`)."""
    key = ",".join(f"{name}={value}" for name, value in sorted(lookup.items()))
    return uuid.uuid5(CONTENT_NAMESPACE, f"{model._meta.label_lower}:{key}")


class ContentLoader:
    def __init__(self, *, content_dir=CONTENT_DIR, dry_run=False, overwrite=False, log=None):
        self.content_dir = Path(content_dir)
        self.dry_run = dry_run
        self.overwrite = overwrite
        self.log = log or (lambda message, level=1: None)
        self.counts = Counter()
        self.touched = {}
        self.last_outcome = None

    def read(self, name):
        """The parsed content file, refused if any text in it looks cut short (see check_texts)."""
        text = (self.content_dir / name).read_text(encoding="utf-8")
        check_comments(text, where=name)
        data = yaml.load(text, Loader=YamlLoader)  # noqa: S506 (CSafeLoader: the safe subset)
        check_texts(data, where=name)
        return data

    def _count(self, model, outcome, obj):
        self.last_outcome = outcome
        self.counts[(model._meta.verbose_name_plural, outcome)] += 1
        if outcome in (CREATED, UPDATED) and obj.pk and revisions.is_registered(model):
            root = revisions.root_of(obj)
            self.touched[(type(root), root.pk)] = root
        self.log(f"{outcome:>9}  {model._meta.verbose_name}: {obj}", 2)

    def _record(self, obj, fp):
        LoadedContent.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            defaults={"fingerprint": fp},
        )

    def _recorded(self, obj):
        record = LoadedContent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).first()
        return record.fingerprint if record else None

    def upsert(self, model, *, lookup, values, official=()):
        """Create or update one object found by `lookup`; returns it (and never overwrites edits).

        `official` lists the translations that are the city's own (see mark_official).
        """
        obj = self._upsert(model, lookup=lookup, values=values)
        self.mark_official(obj, official)
        return obj

    @staticmethod
    def _date(obj):
        """A published item the loader makes is first published now (its page, feeds and
        open data say so), as one a publisher publishes would be."""
        if getattr(obj, "status", None) == "published" and getattr(obj, "first_published_at", "") is None:
            obj.first_published_at = obj.public_updated_at = timezone.now()

    @staticmethod
    def _identify(obj, lookup):
        if any(field.name == "uuid" for field in obj._meta.concrete_fields):
            identifier = content_uuid(type(obj), {k: _plain(v) for k, v in lookup.items()})
            # Taken only if an editor renamed the shipped object: it keeps its own then.
            if not type(obj).objects.filter(uuid=identifier).exists():
                obj.uuid = identifier

    def _upsert(self, model, *, lookup, values):
        wanted = fingerprint(values)
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            self._identify(obj, lookup)
            self._date(obj)
            obj.full_clean(validate_unique=False, validate_constraints=False)
            obj.save()
            self._record(obj, wanted)
            self._count(model, CREATED, obj)
            return obj
        current = fingerprint({field: getattr(obj, field) for field in values})
        if current == wanted:
            if self._recorded(obj) != wanted:
                self._record(obj, wanted)
            self._count(model, UNCHANGED, obj)
            return obj
        if self._recorded(obj) != current and not self.overwrite:
            self._count(model, KEPT, obj)
            return obj
        for field, value in values.items():
            setattr(obj, field, value)
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        self._record(obj, wanted)
        self._count(model, UPDATED, obj)
        return obj

    def attach_file(self, model, *, lookup, field="file", filename, make_content, values=None):
        """Make sure a file row exists; its content is generated only when the row is new.

        A file that is already there (the loader's stand-in or an editor's upload) is
        never replaced.
        """
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            self._count(model, UNCHANGED, obj)
            return obj
        obj = model(**lookup, **(values or {}))
        self._identify(obj, lookup)
        self._date(obj)
        if self.dry_run:
            # Nothing may reach storage in a dry run: the database is rolled back, files would not be.
            self._count(model, CREATED, obj)
            return obj
        obj._stand_in = True
        getattr(obj, field).save(filename, ContentFile(make_content()), save=False)
        obj.save()
        self._record_stand_in(obj, field)
        self._count(model, CREATED, obj)
        return obj

    def fill_file(self, obj, *, field, filename, make_content):
        """Give a saved object's empty file field (a thumbnail, a cover) a generated file.

        Like attach_file, it never replaces a file that is there (the loader's or an
        editor's), and writes nothing to storage in a dry run.
        """
        if getattr(obj, field) or self.dry_run:
            return
        getattr(obj, field).save(filename, ContentFile(make_content()), save=True)
        self._record_stand_in(obj, field)
        self.log(f"{'added':>9}  {field} of {obj._meta.verbose_name}: {obj}", 2)
        if revisions.is_registered(type(obj)):
            root = revisions.root_of(obj)
            self.touched[(type(root), root.pk)] = root

    def _record_stand_in(self, obj, field):
        StandIn.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            field=field,
            defaults={"name": getattr(obj, field).name},
        )

    def mark_official(self, obj, official=()):
        """Say which of `obj`'s translations are the city's own (`official`: "title.ja",
        "contact.office.ja"...) and that the others are the portal's. An object an editor
        has changed since it was loaded ("kept") keeps what the editor said."""
        if obj.pk is None or self.last_outcome == KEPT or not hasattr(obj, "translation_meta"):
            return
        marked = set()
        for entry in official or ():
            path, _dot, lang = entry.rpartition(".")
            marked.add((path.replace(".", "_"), lang))
        unknown = {field for field, _lang in marked} - set(translated_fields(type(obj)))
        if unknown:
            raise ValueError(f"{obj}: `official` names fields that are not translated: {sorted(unknown)}")
        before = json.dumps(obj.translation_meta, sort_keys=True)
        for lang, entries in obj.translation_meta.items():
            for field, entry in entries.items():
                entry["origin"] = OFFICIAL if (field, lang) in marked else PORTAL
        if json.dumps(obj.translation_meta, sort_keys=True) != before:
            type(obj)._base_manager.filter(pk=obj.pk).update(translation_meta=obj.translation_meta)

    def record_revisions(self):
        """Record, in each item's history, what this run wrote to it (one revision per item)."""
        for root in self.touched.values():
            revision = revisions.record_revision(root, comment="Loaded from the content files")
            if revision is not None:
                Transition.objects.create(
                    content_type=ContentType.objects.get_for_model(type(root)),
                    object_id=root.pk,
                    action=Transition.Action.LOADED,
                    revision=revision,
                )

    def summary_lines(self):
        models_seen = sorted({name for name, _outcome in self.counts}, key=str)
        for name in models_seen:
            parts = [f"{self.counts[(name, o)]} {o}" for o in (CREATED, UPDATED, UNCHANGED, KEPT)]
            yield f"{str(name).capitalize()}: {', '.join(parts)}"
