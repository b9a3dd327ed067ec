"""Counted file downloads."""

import logging
import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponseRedirect

from core.models import DownloadCount

logger = logging.getLogger(__name__)


def safe_filename(filename):
    """A file name that a header and a file system accept: no control characters (a line
    break in a title would otherwise break the header), no path separators."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in filename)
    text = re.sub(r"[/\\]+", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .") or "download"


def attachment_disposition(filename):
    """An RFC 6266 Content-Disposition for `filename`.

    A non-ASCII name goes in `filename*` (UTF-8, percent-encoded), preceded by a
    plain-ASCII `filename` for clients that do not read `filename*` (RFC 6266, 4.3).
    """
    filename = safe_filename(filename)
    if filename.isascii():
        escaped = filename.replace("\\", "\\\\").replace('"', '\\"')
        return f'attachment; filename="{escaped}"'
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"\(\s*\)|[\\\"]", "", ascii_stem)
    ascii_stem = re.sub(r"\s+", " ", ascii_stem).strip(" -") or "download"
    fallback = f"{ascii_stem}{dot}{extension}"
    return f"attachment; filename=\"{fallback}\"; filename*=utf-8''{quote(filename)}"


def counted_download(request, stored_file, *, filename):
    """Serve `stored_file` (a StoredFile row) as an attachment, and count the download.

    The file is looked for first: a file missing from storage is the site's 404 page,
    and a failed try is not counted. A GET is counted once, a HEAD never. From the
    local disk the file is sent from here, read through the storage API; from object
    storage (core.object_storage) the answer is a redirect to the bucket, signed with
    the same Content-Disposition and type for a private bucket. The Content-Disposition
    keeps non-ASCII names (see attachment_disposition). Nothing here may be cached:
    every download must reach the count.
    """
    if not stored_file.file:
        raise Http404
    storage, name = stored_file.file.storage, stored_file.file.name
    if hasattr(storage, "direct_url"):
        return _redirect_to_bucket(request, stored_file, storage, name, filename)
    try:
        fh = storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        logger.warning("Download of a missing file: %s", name)
        raise Http404 from None
    try:
        size = fh.size
        if request.method == "GET":
            DownloadCount.record(stored_file)
    except BaseException:
        fh.close()
        raise
    response = FileResponse(fh, as_attachment=True, content_type=stored_file.mime_type)
    response["Content-Length"] = str(size)
    response["Content-Disposition"] = attachment_disposition(filename)
    response["Cache-Control"] = "private, no-cache"
    return response


def _redirect_to_bucket(request, stored_file, storage, name, filename):
    # One HEAD request: an object missing from the bucket is a 404 here, not counted,
    # rather than a counted download that ends in the bucket's error.
    if not storage.exists(name):
        logger.warning("Download of a missing file: %s", name)
        raise Http404
    if request.method == "GET":
        DownloadCount.record(stored_file)
    url = storage.direct_url(
        name, disposition=attachment_disposition(filename), content_type=stored_file.mime_type or None
    )
    response = HttpResponseRedirect(url)
    # The signed URL is this visitor's, and the next download must be counted too.
    response["Cache-Control"] = "private, no-store"
    return response
