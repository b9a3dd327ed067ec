"""The editorial workflow: every change of state goes through one of these functions.

Draft → In review → Published (or Scheduled, when `publish_at` is in the future). An
editor saves drafts and submits them; a publisher publishes (now or at a time) or
sends them back with a comment. A change an editor makes to a published item waits
as a PendingChange (see core.revisions.capture) until a publisher approves it,
sends it back or discards it; a publisher may also edit and publish directly.

Each function checks who may do it (the server decides, whatever a form says),
records a Transition (who, when, comment) and, when the item's content changed, a
revision in its history (core.revisions.record_revision). Publishing with a public
change note, or not marked as minor, moves the item's `public_updated_at`.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import revisions
from core.models import PendingChange, Status, Transition

Action = Transition.Action


def can_publish(user, item):
    return bool(user and user.is_authenticated and user.has_perm(item.publish_permission()))


def can_edit(user, item):
    opts = type(item)._meta
    return bool(
        user and user.is_authenticated and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


def _key(item):
    return {"content_type": ContentType.objects.get_for_model(type(item)), "object_id": item.pk}


def pending_change(item):
    """The item's unpublished change, or None."""
    return PendingChange.objects.filter(**_key(item)).first()


def transitions(item):
    return Transition.objects.filter(**_key(item)).select_related("user")


def log(item, action, user, *, comment="", revision=None):
    return Transition.objects.create(
        **_key(item), action=action, user=user if getattr(user, "pk", None) else None, comment=comment,
        revision=revision,
    )  # fmt: skip


def record(item, user, comment, action=Action.SAVED):
    """Record a revision if the item's content changed; log the step with it."""
    revision = revisions.record_revision(item, user=user, comment=comment)
    if revision is not None or action != Action.SAVED:
        log(item, action, user, comment="" if action == Action.SAVED else comment, revision=revision)
    return revision


def _require(allowed):
    if not allowed:
        raise PermissionDenied(_("You may not do that to this item."))


@transaction.atomic
def submit_for_review(item, user, *, comment=""):
    """An editor asks for review: of the item (a draft), or of its unpublished change."""
    _require(can_edit(user, item))
    pending = pending_change(item)
    if pending is not None:
        pending.state = PendingChange.State.IN_REVIEW
        pending.save(update_fields=["state", "updated_at"])
    elif item.status == Status.DRAFT:
        item.status = Status.IN_REVIEW
        item.save(update_fields=["status", "updated_at"])
    else:
        return False
    log(item, Action.SUBMITTED, user, comment=comment)
    return True


@transaction.atomic
def send_back(item, user, *, comment):
    """A publisher returns an item (or its unpublished change) to its author, saying why."""
    _require(can_publish(user, item))
    if not comment.strip():
        raise ValueError(_("Say what needs changing: the comment is what the editor will see."))
    pending = pending_change(item)
    if pending is not None and pending.state == PendingChange.State.IN_REVIEW:
        pending.state = PendingChange.State.DRAFT
        pending.save(update_fields=["state", "updated_at"])
    elif item.status == Status.IN_REVIEW:
        item.status = Status.DRAFT
        item.save(update_fields=["status", "updated_at"])
    else:
        return False
    log(item, Action.SENT_BACK, user, comment=comment)
    return True


def _publish_dates(item, at, *, minor, note, language):
    moment = at or timezone.now()
    if item.first_published_at is None:
        item.first_published_at = moment
    if not minor or note:
        item.public_updated_at = moment
    if note:
        item.change_notes = [
            {"at": moment.isoformat(), "note": note.strip(), "language": language},
            *item.change_notes,
        ]


@transaction.atomic
def publish(item, user, *, at=None, note="", minor=False, language="en"):
    """A publisher makes the item public now, or at `at` (scheduled).

    An item with an unpublished change gets the change approved first (see approve).
    """
    _require(can_publish(user, item))
    if pending_change(item) is not None:
        return approve(item, user, note=note, minor=minor, language=language)
    if item.status == Status.PUBLISHED and item.publish_at == at:
        return False
    item.status = Status.PUBLISHED
    item.publish_at = at
    _publish_dates(item, at, minor=minor, note=note, language=language)
    item.save()
    scheduled = at is not None and at > timezone.now()
    record(item, user, note or "", Action.SCHEDULED if scheduled else Action.PUBLISHED)
    return True


@transaction.atomic
def approve(item, user, *, note="", minor=False, language="en"):
    """A publisher approves an item's unpublished change: it becomes the public item."""
    _require(can_publish(user, item))
    pending = pending_change(item)
    if pending is None:
        return False
    revisions.apply(item, pending.data)
    item.refresh_from_db()
    _publish_dates(item, None, minor=minor, note=note, language=language)
    item.save()
    author = pending.author
    pending.delete()
    comment = note or (_("Changes by %(name)s") % {"name": author} if author else "")
    record(item, user, comment, Action.APPROVED)
    return True


def _files(data):
    """The stored file names a tree refers to."""
    from django.apps import apps
    from django.db import models

    names = set()
    for row in data or ():
        model = apps.get_model(row["model"])
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and row["fields"].get(field.name):
                names.add((field.storage, row["fields"][field.name]))
    return names


def _forget_files(item, dropped_data, kept_data=()):
    """Delete, once committed, the files only `dropped_data` used: files uploaded into an
    unpublished change that was discarded or replaced (the live item's stay)."""
    unused = _files(dropped_data) - _files(kept_data) - _files(revisions.snapshot(item))
    for storage, name in unused:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


@transaction.atomic
def save_pending(item, user, data, *, submit=False):
    """Keep `data` (a captured tree) as the item's unpublished change."""
    _require(can_edit(user, item))
    previous = pending_change(item)
    if previous is not None:
        _forget_files(item, previous.data, data)
    pending, created = PendingChange.objects.update_or_create(
        **_key(item), defaults={"data": data, "author": user}
    )
    if submit:
        pending.state = PendingChange.State.IN_REVIEW
        pending.save(update_fields=["state"])
        log(item, Action.SUBMITTED, user)
    elif created:
        log(item, Action.SAVED, user, comment=_("Unpublished changes started"))
    return pending


@transaction.atomic
def discard(item, user):
    """Drop an item's unpublished change (its author, or a publisher)."""
    pending = pending_change(item)
    if pending is None:
        return False
    _require(
        can_publish(user, item) or (pending.author_id == getattr(user, "pk", None) and can_edit(user, item))
    )
    _forget_files(item, pending.data)
    pending.delete()
    log(item, Action.DISCARDED, user)
    return True


@transaction.atomic
def unpublish(item, user):
    """A publisher takes the item off the site (back to draft). Its unpublished change, if
    any, becomes the draft's content: the public cannot see a draft, and nothing is lost."""
    _require(can_publish(user, item))
    if item.status != Status.PUBLISHED:
        return False
    pending = pending_change(item)
    if pending is not None:
        revisions.apply(item, pending.data)
        pending.delete()
        item.refresh_from_db()
    item.status = Status.DRAFT
    item.save()
    record(item, user, "", Action.UNPUBLISHED)
    return True


@transaction.atomic
def restore(item, revision, user):
    """Bring back an earlier revision. For a published item it comes back as an unpublished
    change in review (a publisher approves it); a draft gets it at once."""
    _require(can_publish(user, item))
    data = revisions.revision_data(revision)
    when = timezone.localtime(revision.date_created).strftime("%Y-%m-%d %H:%M")
    comment = _("Restored the revision of %(when)s") % {"when": when}
    data = revisions.with_current_files_where_gone(item, data)
    if item.status == Status.PUBLISHED:
        live = {(r["model"], r["pk"]) for r in revisions.snapshot(item)}
        for row in data:
            row["new"] = (row["model"], row["pk"]) not in live
        pending, _created = PendingChange.objects.update_or_create(
            **_key(item),
            defaults={"data": data, "author": user, "state": PendingChange.State.IN_REVIEW},
        )
        log(item, Action.RESTORED, user, comment=comment, revision=revision)
        return pending
    revisions.apply(item, data)
    record(item, user, comment, Action.RESTORED)
    return None
