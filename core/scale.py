"""Scale content for benchmarks and scale tests: many published items, made fast.

`manage.py generate_scale_content` asks each content app's `scale` module for its
generators (`GENERATORS`: {kind: (default count, function)}) and calls them with a
`ScaleWriter`. Generated items have slugs starting with `scale-` (and initiatives
numbers from 1001), so `--remove` finds them again and they never collide with the
shipped content.

The items are written with bulk_create in batches: no revisions, no stand-in records,
no file per row. Every image field points at one shared image, and every file field at
one shared PDF, stored once, with their sizes and facts copied onto each row as an
upload would have left them (pages never open a file to render: that is what a
benchmark must show).
"""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core.files import inspect_file
from core.standins import standin_image, standin_pdf

PREFIX = "scale-"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# How each language says "scale test", for titles a reader (and a search) can tell apart.
WORDS = {
    "en": "Scale test",
    "ja": "規模試験",
    "fr": "Essai de charge",
    "zh-hans": "规模测试",
    "ko": "규모 시험",
}


class ScaleWriter:
    def __init__(self, *, batch_size=1000, log=None):
        self.batch_size = batch_size
        self.log = log or (lambda message: None)
        self.now = timezone.now()
        self._image = None
        self._pdf = None

    def texts(self, field, label, number):
        """{"title_en": "Scale test initiative 12", "title_ja": "規模試験 initiative 12", ...}."""
        return {f"{field}_{code.replace('-', '_')}": f"{WORDS[code]} {label} {number}" for code in LANGUAGES}

    def published(self, number):
        """Publishing fields of a live item, its dates spread over the past."""
        when = self.now - datetime.timedelta(minutes=number)
        return {"status": "published", "first_published_at": when, "public_updated_at": when}

    def image(self):
        """(name, width, height) of the one image every generated image field uses."""
        if self._image is None:
            name = default_storage.save(
                f"scale/{PREFIX}image.png", ContentFile(standin_image("Scale test", size=(640, 360)))
            )
            self._image = (name, 640, 360)
        return self._image

    def pdf(self):
        """(name, facts) of the one PDF every generated file uses: the facts an upload records."""
        if self._pdf is None:
            content = standin_pdf("Scale test", ["A generated document"], pages=2)
            name = default_storage.save(f"scale/{PREFIX}document.pdf", ContentFile(content))
            with default_storage.open(name) as fh:
                info = inspect_file(fh)
            facts = {
                "size": info.size,
                "mime_type": info.mime_type,
                "sha256": info.sha256,
                "page_count": info.page_count,
                "text_layer": info.text_layer,
            }
            self._pdf = (name, facts)
        return self._pdf

    def create(self, model, objects):
        """bulk_create in batches; returns the saved objects (with primary keys)."""
        saved = []
        for start in range(0, len(objects), self.batch_size):
            saved += model.objects.bulk_create(objects[start : start + self.batch_size])
        self.log(f"{len(objects):>7}  {model._meta.verbose_name_plural}")
        return saved
