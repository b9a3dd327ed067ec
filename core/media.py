"""Uploaded media at /media/<path>, without exposing drafts.

Visitors get only images here (documents go through counted download views): a path
is served only if some registered check says it belongs to live content; each app
registers its image fields in its AppConfig.ready(). Staff who may change content get
any stored file, documents and drafts' files included, never cached: the admin's
"Currently:" links on change forms point here.

With local-disk storage the file is sent from here. With object storage the answer is
a redirect to the bucket (core.object_storage): pages of a private bucket link here,
and the redirect carries a URL signed at that moment, which the browser may keep for
a tenth of the signature's lifetime (`redirect_max_age`) and no shared cache keeps.
The same rules decide who gets the redirect.
"""

import posixpath

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.views.decorators.http import require_safe

from core.files import sniff
from core.models import Publishable

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


def may_open_any_file(user):
    """Signed-in staff who may change some content model (any Publishable): editors,
    publishers, superusers. Staff with other permissions only are visitors here."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return any(
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        for model in apps.get_models()
        if issubclass(model, Publishable)
    )


def _open(path):
    """The stored file and the type its first bytes show ("" when none we know)."""
    fh = default_storage.open(path, "rb")
    head = fh.read(16)
    fh.seek(0)
    return fh, sniff(head)


def _serve_to_staff(path):
    fh, content_type = _open(path)
    # The type comes from the content, never from the name (a browser would run a stored
    # file that claims to be HTML); one we do not know is offered as bytes to save.
    response = FileResponse(
        fh, content_type=content_type or "application/octet-stream", filename=posixpath.basename(path)
    )
    # A draft's file must not stay in a shared cache, nor in the browser after sign-out.
    response["Cache-Control"] = "private, no-store"
    return response


def _redirect_to_bucket(path, cache_control):
    response = HttpResponseRedirect(default_storage.direct_url(path))
    response["Cache-Control"] = cache_control
    return response


@require_safe
def serve_media(request, path):
    user = getattr(request, "user", None) or AnonymousUser()
    if not is_safe_path(path):
        raise Http404
    in_bucket = hasattr(default_storage, "direct_url")
    if may_open_any_file(user):
        if not default_storage.exists(path):
            raise Http404
        if in_bucket:
            return _redirect_to_bucket(path, "private, no-store")
        return _serve_to_staff(path)
    if not is_public(path, user):
        raise Http404
    if in_bucket:
        # Only images are registered as public (the upload check proved them images), so
        # the bucket is not asked anything: no request to it per image a visitor sees.
        return _redirect_to_bucket(path, f"private, max-age={default_storage.redirect_max_age}")
    if not default_storage.exists(path):
        raise Http404
    fh, content_type = _open(path)
    if not content_type.startswith("image/"):
        fh.close()
        raise Http404
    response = FileResponse(fh, content_type=content_type)
    # Names are never reused for other content (storage adds a suffix), so cache for long.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
