"""Counted file downloads."""

import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse

from core.models import DownloadCount


def attachment_disposition(filename):
    """An RFC 6266 Content-Disposition for `filename`.

    A non-ASCII name goes in `filename*` (UTF-8, percent-encoded), preceded by a
    plain-ASCII `filename` for clients that do not read `filename*` (RFC 6266, 4.3).
    """
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
    """Count one download of `stored_file` (a StoredFile row) and serve it as an attachment.

    The file is read through the storage API, so local disk and object storage behave
    alike. The Content-Disposition keeps non-ASCII names (see attachment_disposition).
    """
    if request.method == "GET":
        DownloadCount.record(stored_file)
    fh = stored_file.file.open("rb")
    response = FileResponse(fh, as_attachment=True, filename=filename, content_type=stored_file.mime_type)
    response["Content-Length"] = str(stored_file.size or stored_file.file.size)
    response["Content-Disposition"] = attachment_disposition(filename)
    response["Cache-Control"] = "private, no-cache"
    return response
