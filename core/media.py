"""Serving uploaded media from local-disk storage, without exposing drafts.

Only images are served here (documents go through counted download views). A path
is served only if some registered check says it belongs to live content; each app
registers its image fields in its AppConfig.ready(). With object storage the media
URLs point at the bucket and this view is not routed at all.
"""

import posixpath

from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from core.files import sniff

_CHECKS = []


def register_public_images(model, *fields, queryset=None):
    """Serve files in `model.<field>` when the object is in `queryset(user)` (default: visible_to)."""

    def check(path, user):
        qs = queryset(user) if queryset else model.objects.visible_to(user)
        return any(qs.filter(**{field: path}).exists() for field in fields)

    _CHECKS.append(check)


def register_public_check(check):
    """Add a check(path, user) -> bool for media that is not a plain model field (renditions)."""
    _CHECKS.append(check)


def is_public(path, user):
    return any(check(path, user) for check in _CHECKS)


def is_safe_path(path):
    """A relative path that stays inside the media folder: no "..", no absolute or odd names."""
    return (
        bool(path)
        and not path.startswith("/")
        and "\\" not in path
        and "\x00" not in path
        and (".." not in path.split("/") and posixpath.normpath(path) == path)
    )


@require_safe
def serve_media(request, path):
    user = getattr(request, "user", None) or AnonymousUser()
    if not is_safe_path(path) or not is_public(path, user) or not default_storage.exists(path):
        raise Http404
    fh = default_storage.open(path, "rb")
    head = fh.read(16)
    fh.seek(0)
    content_type = sniff(head)
    if not content_type.startswith("image/"):
        fh.close()
        raise Http404
    response = FileResponse(fh, content_type=content_type)
    # Names are never reused for other content (storage adds a suffix), so cache for long.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
