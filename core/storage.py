"""Local-disk storage that never leaves a partial file behind.

Django's FileSystemStorage writes an upload straight to its final name; when the disk
fills halfway, a zero-byte or cut-off file stays there and a later request may serve
it. Here the file is written under a temporary name in the same folder and renamed
into place only when complete; on any error the temporary file is removed and the
error is raised as StorageFull (disk full) or passed on.
"""

import contextlib
import errno
import os
import uuid

from django.core.files.move import file_move_safe
from django.core.files.storage import FileSystemStorage


class StorageFull(OSError):
    """The file could not be stored: no room left."""


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        directory, filename = os.path.split(name)
        temporary = os.path.join(directory, f".partial-{uuid.uuid4().hex}-{filename}")
        try:
            written = super()._save(temporary, content)
        except OSError as exc:
            self._remove(temporary)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StorageFull(exc.errno, "No room left to store the file") from exc
            raise
        final = self.get_available_name(name)
        try:
            file_move_safe(self.path(written), self.path(final), allow_overwrite=False)
        except OSError:
            self._remove(written)
            raise
        return final.replace("\\", "/")

    def _remove(self, name):
        with contextlib.suppress(OSError):
            os.remove(self.path(name))
