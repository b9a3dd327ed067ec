"""Publishing and unpublishing: one path, whatever starts it (an admin action, a form, a command).

Each goes through the model's save(), so `updated_at` (and with it the sitemap's
`lastmod`) moves, and each is recorded in the object's admin history with who did it.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction

from core.models import Status


def _record(obj, user, message):
    if user is None or not user.is_authenticated:
        return
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


@transaction.atomic
def publish(obj, *, user=None, at=None):
    """Make `obj` public now, or at `at` (scheduled). Returns True if anything changed."""
    if obj.status == Status.PUBLISHED and obj.publish_at == at:
        return False
    obj.status = Status.PUBLISHED
    obj.publish_at = at
    obj.save()
    _record(obj, user, "Scheduled" if at else "Published")
    return True


@transaction.atomic
def unpublish(obj, *, user=None):
    """Return `obj` to draft. Returns True if it was published (or scheduled)."""
    if obj.status == Status.DRAFT:
        return False
    obj.status = Status.DRAFT
    obj.save()
    _record(obj, user, "Unpublished")
    return True
