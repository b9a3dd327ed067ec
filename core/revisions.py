"""Revisions of content items: an item with everything attached to it, as one tree.

A content model registers the relations that belong to it (`follow`: an initiative's
documents and related-video links, a publication's editions and each edition's files)
and, for an attached model, the relation to its parent. The same tree is:

- recorded in the item's history as one django-reversion Revision (one Version per row),
  whenever it changes (record_revision skips a save that changed nothing);
- the unit of a pending change (core.models.PendingChange): `capture()` runs an
  editor's save inside a transaction that is rolled back and keeps the tree it would
  have produced; `apply()` makes a tree real (on approval, on restore);
- compared field by field in the admin's history (compare()).

A tree is a list of plain dicts, as Django's JSON serializer writes them:
{"model": "app.model", "pk": 3, "fields": {...}}, plus "new": true for rows that do not
exist yet. Timestamps and the original columns of translated fields (modeltranslation
keeps `title` beside `title_en`...) are left out: they are derived.
"""

import dataclasses
import json

import reversion
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection, models, transaction
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Revision, Version

# Fields that the workflow sets (core.workflow), never a revision being applied or restored.
WORKFLOW_FIELDS = ("status", "publish_at")


@dataclasses.dataclass(frozen=True)
class Options:
    follow: tuple
    parent: str | None
    fields: tuple


_REGISTRY = {}


def _translated_originals(model):
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def register(model, *, follow=(), parent=None):
    """Record `model` in revisions, with the relations that belong to it (`follow`) and,
    for an attached model, the name of its relation to its parent (`parent`)."""
    # Timestamps and publishing dates are bookkeeping, not content: a save that changes
    # nothing else is not a new revision.
    exclude = {
        "created_at",
        "updated_at",
        "first_published_at",
        "public_updated_at",
        "change_notes",
        *_translated_originals(model),
    }
    fields = tuple(
        field.name
        for field in model._meta.local_fields + model._meta.local_many_to_many
        if field.name not in exclude and not field.primary_key
    )
    if not reversion.is_registered(model):
        reversion.register(model, fields=fields, follow=follow)
    _REGISTRY[model] = Options(tuple(follow), parent, fields)


def is_registered(model):
    return model in _REGISTRY


def registered_roots():
    """The models whose rows are items with a history of their own (not attached rows)."""
    return [model for model, options in _REGISTRY.items() if options.parent is None]


def root_of(obj):
    """The item `obj` belongs to (itself, if it is one)."""
    while obj is not None and _REGISTRY[type(obj)].parent:
        obj = getattr(obj, _REGISTRY[type(obj)].parent)
    return obj


def _label(model):
    return model._meta.label_lower


def tree(root):
    """The root and every row attached to it, parents before children."""
    rows, todo = [], [root]
    while todo:
        obj = todo.pop(0)
        rows.append(obj)
        for name in _REGISTRY[type(obj)].follow:
            todo.extend(getattr(obj, name).all().order_by("pk"))
    return rows


def serialize(obj):
    return json.loads(serializers.serialize("json", [obj], fields=_REGISTRY[type(obj)].fields))[0]


def snapshot(root):
    """The item's tree as plain data (see the module docstring)."""
    return [serialize(obj) for obj in tree(type(root)._base_manager.get(pk=root.pk))]


def _same_text(value):
    """A field's value as it reads: no text (NULL or "") is one thing, and so is a line end.

    The loader and data migrations store an empty translation as NULL or "", and text as
    the files write it; a browser posts "" and "\r\n". Neither is a change of content.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def canonical(data):
    """A form of a tree that compares equal when the trees say the same thing."""
    rows = sorted(
        ((row["model"], row["pk"]), {name: _same_text(value) for name, value in row["fields"].items()})
        for row in data
    )
    return json.dumps(rows, sort_keys=True, default=str)


def same_content(old_data, new_data):
    """True when two trees say the same thing (see canonical)."""
    return canonical(old_data) == canonical(new_data)


def _depth(model):
    depth = 0
    while _REGISTRY[model].parent:
        model = model._meta.get_field(_REGISTRY[model].parent).related_model
        depth += 1
    return depth


def _deserialized(row):
    clean = {key: row[key] for key in ("model", "pk", "fields")}
    return next(serializers.deserialize("python", [clean], ignorenonexistent=True))


@transaction.atomic
def apply(root, data):
    """Make the item's rows say what `data` says: update, create ("new") and delete rows.

    Each row is saved through its model's save(), so timestamps move, text is cleaned,
    and new images get their renditions. The workflow fields of the item (status,
    publish_at...) are not touched: publishing is a transition of its own.
    """
    current = {(_label(type(obj)), obj.pk): obj for obj in tree(root)}
    root_key = (_label(type(root)), root.pk)
    wanted = set()
    ordered = sorted(data, key=lambda row: _depth(apps.get_model(row["model"])))
    for row in ordered:
        model = apps.get_model(row["model"])
        key = (row["model"], row["pk"])
        wanted.add(key)
        deserialized = _deserialized(row)
        incoming = deserialized.object
        obj = current.get(key)
        if obj is None:
            obj = model._base_manager.filter(pk=row["pk"]).first() or incoming
        for name in row["fields"]:
            field = model._meta.get_field(name)
            if field.many_to_many or (key == root_key and name in WORKFLOW_FIELDS):
                continue
            setattr(obj, field.attname, getattr(incoming, field.attname))
        obj.save()
        for name, values in deserialized.m2m_data.items():
            getattr(obj, name).set(values)
    stale = [obj for key, obj in current.items() if key not in wanted]
    for obj in sorted(stale, key=lambda obj: -_depth(type(obj))):
        if type(obj)._base_manager.filter(pk=obj.pk).exists():
            obj.delete()


def _reserve_ids(rows):
    """Keep the ids of rows made inside a rolled-back transaction from being given out again.

    PostgreSQL's sequences do not go back on rollback; SQLite's AUTOINCREMENT counter
    does, so it is moved forward past the ids a pending change refers to.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for row in rows:
            table = apps.get_model(row["model"])._meta.db_table
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [row["pk"], table]
            )
            if cursor.rowcount == 0:
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, row["pk"]])


def with_current_files_where_gone(root, data):
    """`data` with every file that is no longer in storage replaced by the current row's file.

    A replaced file is deleted from storage (django-cleanup), so an old revision can
    name a file that is gone: restoring it keeps the file the row has now.
    """
    current = {(row["model"], row["pk"]): row for row in snapshot(root)}
    result = []
    for row in data:
        model = apps.get_model(row["model"])
        fields = dict(row["fields"])
        now = current.get((row["model"], row["pk"]), {}).get("fields", {})
        for field in model._meta.get_fields():
            name = field.name
            gone = (
                isinstance(field, models.FileField)
                and fields.get(name)
                and not field.storage.exists(fields[name])
            )
            if gone:
                fields[name] = now.get(name, "")
        result.append({**row, "fields": fields})
    return result


class _Rollback(Exception):
    pass


def capture(root, save, *, pending_data=None, succeeded=lambda result: True):
    """Run `save()` on the item (with `pending_data` applied first) and keep the tree it
    produced, without changing anything: the transaction is rolled back.

    Returns (save's result, the tree or None if `succeeded(result)` is false). Rows that
    the live item does not have are marked "new", and their ids are reserved.
    """
    live = {(_label(type(obj)), obj.pk) for obj in tree(type(root)._base_manager.get(pk=root.pk))}
    outcome = {}
    try:
        with transaction.atomic():
            if pending_data:
                apply(type(root)._base_manager.get(pk=root.pk), pending_data)
            result = save()
            if hasattr(result, "render") and not getattr(result, "is_rendered", True):
                result.render()
            outcome["result"] = result
            if succeeded(result):
                outcome["data"] = snapshot(root)
            raise _Rollback
    except _Rollback:
        pass
    data = outcome.get("data")
    if data is not None:
        for row in data:
            row["new"] = (row["model"], row["pk"]) not in live
        _reserve_ids([row for row in data if row["new"]])
    return outcome["result"], data


def preview(root, data, render):
    """`render()` with the item as `data` says, rolled back afterwards (for a preview)."""
    outcome = {}
    try:
        with transaction.atomic():
            apply(type(root)._base_manager.get(pk=root.pk), data)
            result = render()
            if hasattr(result, "render") and not getattr(result, "is_rendered", True):
                result.render()
            outcome["result"] = result
            raise _Rollback
    except _Rollback:
        pass
    return outcome["result"]


def revisions_of(root):
    """The item's recorded revisions, newest first (one query)."""
    content_type = ContentType.objects.get_for_model(type(root))
    return Revision.objects.filter(
        version__content_type=content_type, version__object_id=str(root.pk)
    ).order_by("-date_created", "-pk")


def revision_data(revision):
    return [json.loads(version.serialized_data)[0] for version in revision.version_set.all()]


def record_revision(root, *, user=None, comment=""):
    """Record the item's tree as a new revision, unless it is the same as the latest one.

    Returns the new Revision, or None when nothing changed (an unchanged save records
    no change).
    """
    root = type(root)._base_manager.get(pk=root.pk)
    rows = tree(root)
    data = [serialize(obj) for obj in rows]
    latest = revisions_of(root).first()
    if latest is not None and same_content(revision_data(latest), data):
        return None
    revision = Revision.objects.create(
        date_created=timezone.now(), user=user if getattr(user, "pk", None) else None, comment=comment
    )
    Version.objects.bulk_create(
        Version(
            revision=revision,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            db="default",
            format="json",
            serialized_data=json.dumps([row]),
            object_repr=str(obj)[:191],
        )
        for obj, row in zip(rows, data, strict=True)
    )
    return revision


# Comparison -----------------------------------------------------------------------


@dataclasses.dataclass
class FieldChange:
    label: str
    old: str
    new: str
    is_file: bool = False


@dataclasses.dataclass
class RowChange:
    label: str
    kind: str  # "changed", "added", "removed"
    fields: list


def _display(model, name, value):
    field = model._meta.get_field(name)
    if value in (None, "", []):
        return ""
    if field.choices and not field.many_to_many:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model
        values = value if isinstance(value, list) else [value]
        objects = related._base_manager.in_bulk(values)
        return ", ".join(str(objects.get(v, f"#{v}")) for v in values)
    return str(value)


def _row_label(model, row):
    try:
        obj = _deserialized(row).object
        name = str(obj)
    except Exception:
        name = f"#{row['pk']}"
    return f"{model._meta.verbose_name.capitalize()}: {name}"


def compare(old_data, new_data):
    """What changed from one tree to another: each row added, removed or changed, and for a
    changed row each field's old and new value (every language's own field, files by name)."""
    old = {(row["model"], row["pk"]): row for row in old_data}
    new = {(row["model"], row["pk"]): row for row in new_data}
    changes = []
    for key in [*new.keys(), *[k for k in old if k not in new]]:
        model = apps.get_model(key[0])
        before, after = old.get(key), new.get(key)
        names = list(dict.fromkeys([*(before or {}).get("fields", {}), *(after or {}).get("fields", {})]))
        fields = []
        for name in names:
            old_value = (before or {}).get("fields", {}).get(name)
            new_value = (after or {}).get("fields", {}).get(name)
            if (
                _same_text(old_value) == _same_text(new_value)
                or (before and after is None)
                or (after and before is None and not new_value)
            ):
                continue
            field = model._meta.get_field(name)
            fields.append(
                FieldChange(
                    label=str(field.verbose_name),
                    old=_display(model, name, old_value),
                    new=_display(model, name, new_value),
                    is_file=isinstance(field, models.FileField),
                )
            )
        if before is None:
            changes.append(RowChange(_row_label(model, after), "added", fields))
        elif after is None:
            changes.append(RowChange(_row_label(model, before), "removed", []))
        elif fields:
            changes.append(RowChange(_row_label(model, after), "changed", fields))
    return changes
