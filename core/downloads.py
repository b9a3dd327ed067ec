"""Counted file downloads."""

import logging
import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, Http404

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

    The file is opened first: a file missing from storage is the site's 404 page, and
    a failed try is not counted. It is read through the storage API, so local disk and
    object storage behave alike. The Content-Disposition keeps non-ASCII names (see
    attachment_disposition).
    """
    if not stored_file.file:
        raise Http404
    try:
        fh = stored_file.file.storage.open(stored_file.file.name, "rb")
    except (FileNotFoundError, OSError):
        logger.warning("Download of a missing file: %s", stored_file.file.name)
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
