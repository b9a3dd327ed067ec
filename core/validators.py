"""The one upload check that every file field uses.

Each validator reads the file's content, not its name or the browser's claimed type,
and raises ValidationError with a message an editor can act on. Validators run in
the model form's clean step, before anything reaches storage, so a refused upload
stores nothing. Files already in storage are not checked again.
"""

import io
import os
import shutil
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf.errors import PyPdfError

from core.files import JPEG, PDF, PNG, WEBP, pdf_page_count, read_all, sniff

EXTENSION_TYPES = {
    ".pdf": PDF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".webp": WEBP,
}
IMAGE_TYPES = {PNG, JPEG, WEBP}


def _refuse_dangerous(head, name):
    """Name the kinds of file we refuse outright, so the message is specific."""
    ext = os.path.splitext(name)[1].lower()
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ext in (".svg", ".svgz") or b"<svg" in text[:1024]:
        raise ValidationError(
            _("SVG images are not accepted, because they can carry scripts. Upload a PNG or JPEG."),
            code="svg",
        )
    if ext in (".html", ".htm", ".xhtml") or text.startswith((b"<!doctype", b"<html", b"<?xml", b"<script")):
        raise ValidationError(_("HTML and XML files are not accepted."), code="html")
    if head.startswith((b"MZ", b"\x7fELF", b"#!", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")):
        raise ValidationError(_("Programs and scripts are not accepted."), code="executable")


# Space kept free on the media disk beyond the file itself (for the database, logs, renditions).
ROOM_MARGIN_BYTES = 50 * 1024 * 1024


def storage_has_room(size):
    """False when local-disk storage has less free space than `size` plus a margin.

    Object storage has no such limit; a full disk found during the write is handled
    by core.storage (no partial file is left).
    """
    if not isinstance(default_storage, FileSystemStorage):
        return True
    try:
        free = shutil.disk_usage(default_storage.location).free
    except OSError:
        return True
    return free >= size + ROOM_MARGIN_BYTES


def _check_file(value, allowed_types, max_bytes):
    """Common checks; returns (bytes, mime_type) of a new upload, or None if already stored."""
    if not value or getattr(value, "_committed", False):
        return None
    name = os.path.basename(value.name or "")
    if value.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name}, code="empty")
    if not storage_has_room(value.size):
        raise ValidationError(
            _(
                "The server has no room to store this file just now, so nothing was saved. "
                "Try again later, and tell the site's operators if it happens again."
            ),
            code="no_room",
        )
    if value.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(max)s.")
            % {"size": filesizeformat(value.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    data = read_all(value)
    _refuse_dangerous(data[:2048], name)
    ext = os.path.splitext(name)[1].lower()
    allowed_exts = sorted(e for e, t in EXTENSION_TYPES.items() if t in allowed_types)
    if ext not in allowed_exts:
        raise ValidationError(
            _("Files ending in “%(ext)s” are not accepted here. Accepted: %(allowed)s.")
            % {"ext": ext or _("(no extension)"), "allowed": ", ".join(allowed_exts)},
            code="extension",
        )
    actual = sniff(data[:16])
    if actual != EXTENSION_TYPES[ext]:
        raise ValidationError(
            _("The file’s name ends in “%(ext)s” but its content is not a %(kind)s file.")
            % {"ext": ext, "kind": ext.lstrip(".").upper()},
            code="mismatch",
        )
    return data, actual


def validate_pdf_data(data):
    try:
        pages = pdf_page_count(data)
    except PyPdfError as exc:
        if str(exc) == "encrypted":
            raise ValidationError(
                _("This PDF is password-protected. Upload a PDF that opens without a password."),
                code="encrypted",
            ) from None
        raise ValidationError(_("This PDF is damaged and cannot be opened."), code="broken_pdf") from None
    except Exception:
        raise ValidationError(_("This PDF is damaged and cannot be opened."), code="broken_pdf") from None
    if pages < 1:
        raise ValidationError(_("This PDF has no pages."), code="empty_pdf")


def validate_image_data(data):
    max_pixels = settings.PORTAL_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # The header gives the size before any pixel is decoded.
            with Image.open(io.BytesIO(data)) as img:
                width, height = img.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _("The image is %(w)s × %(h)s pixels; the largest accepted is %(max)s pixels in all.")
                        % {"w": width, "h": height, "max": f"{max_pixels:,}"},
                        code="too_many_pixels",
                    )
                img.verify()
            # verify() does not decode the pixels; load() finds truncated data. A JPEG is
            # decoded at an eighth of its size (draft mode): every byte of it is still read,
            # so damage is found, in a fraction of the time and memory.
            with Image.open(io.BytesIO(data)) as img:
                if img.format == "JPEG":
                    img.draft(img.mode, (max(1, width // 8), max(1, height // 8)))
                img.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses to open images far above its own limit before we see their size.
        raise ValidationError(
            _("The image has too many pixels; the largest accepted is %(max)s pixels in all.")
            % {"max": f"{max_pixels:,}"},
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This image is damaged or incomplete and cannot be opened."), code="broken_image"
        ) from None


def validate_pdf(value):
    """A real PDF that opens, within the document size cap."""
    checked = _check_file(value, {PDF}, settings.PORTAL_MAX_DOCUMENT_BYTES)
    if checked:
        validate_pdf_data(checked[0])


def validate_image(value):
    """A PNG, JPEG or WebP that Pillow opens and fully decodes, within the size and pixel caps."""
    checked = _check_file(value, IMAGE_TYPES, settings.PORTAL_MAX_IMAGE_BYTES)
    if checked:
        validate_image_data(checked[0])


def validate_document_or_image(value):
    """A PDF, or an image (for cards and posters), each checked as above."""
    checked = _check_file(value, IMAGE_TYPES | {PDF}, settings.PORTAL_MAX_DOCUMENT_BYTES)
    if not checked:
        return
    data, mime_type = checked
    if mime_type == PDF:
        validate_pdf_data(data)
    else:
        if len(data) > settings.PORTAL_MAX_IMAGE_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the largest accepted is %(max)s.")
                % {"size": filesizeformat(len(data)), "max": filesizeformat(settings.PORTAL_MAX_IMAGE_BYTES)},
                code="too_large",
            )
        validate_image_data(data)
