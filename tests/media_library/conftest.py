"""Factories for the media library's tests."""

import itertools

from django.core.files.base import ContentFile

from core.models import Status
from core.standins import standin_image
from media_library.models import Video

_serial = itertools.count(1)


def make_video(*, status=Status.PUBLISHED, thumbnail=True, **fields):
    n = next(_serial)
    defaults = {"slug": f"video-{n}", "title_en": f"Video {n}", "status": status, "position": n}
    defaults.update(fields)
    video = Video(**defaults)
    if thumbnail:
        video.thumbnail.save(
            f"video-{n}.png", ContentFile(standin_image(f"Video {n}", size=(320, 180))), save=False
        )
    video.save()
    return video
