"""Counted file downloads."""

from django.http import FileResponse

from core.models import DownloadCount


def counted_download(request, stored_file, *, filename):
    """Count one download of `stored_file` (a StoredFile row) and serve it as an attachment.

    The file is read through the storage API, so local disk and object storage behave
    alike. FileResponse writes an RFC 6266 Content-Disposition with a `filename*`
    form that keeps non-ASCII characters.
    """
    if request.method == "GET":
        DownloadCount.record(stored_file)
    fh = stored_file.file.open("rb")
    response = FileResponse(fh, as_attachment=True, filename=filename, content_type=stored_file.mime_type)
    response["Content-Length"] = str(stored_file.size or stored_file.file.size)
    response["Cache-Control"] = "private, no-cache"
    return response
