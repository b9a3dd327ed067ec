"""Factories for the media library's tests."""

import datetime
import itertools

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from core.models import Status
from core.standins import standin_image, standin_pdf
from media_library.models import Edition, EditionFile, Infographic, Publication, Video
from media_library.models.publications import PublicationKind

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


def make_publication(*, status=Status.PUBLISHED, cover=True, **fields):
    n = next(_serial)
    defaults = {
        "slug": f"publication-{n}",
        "title_en": f"Publication {n}",
        "kind": PublicationKind.BOOKLET,
        "status": status,
        "position": n,
    }
    defaults.update(fields)
    publication = Publication(**defaults)
    if cover:
        publication.cover.save(
            f"cover-{n}.png", ContentFile(standin_image(f"Cover {n}", size=(300, 424))), save=False
        )
    publication.save()
    return publication


def make_edition(publication, **fields):
    defaults = {"published_on": datetime.date(2021, 7, 1)}
    defaults.update(fields)
    return Edition.objects.create(publication=publication, **defaults)


def make_file(edition, *, language="en", content=None, filename=None, **fields):
    stored = EditionFile(edition=edition, language=language, **fields)
    content = content if content is not None else standin_pdf(f"File {language}", pages=2)
    stored.file.save(filename or f"file-{language}.pdf", ContentFile(content), save=False)
    stored.save()
    return stored


def make_infographic(*, status=Status.PUBLISHED, size=(600, 850), **fields):
    """An infographic saved with a new original, so its renditions are made."""
    n = next(_serial)
    defaults = {
        "slug": f"infographic-{n}",
        "title_en": f"Infographic {n}",
        "alt_text_en": f"Text of infographic {n}.",
        "status": status,
        "position": n,
    }
    defaults.update(fields)
    infographic = Infographic(**defaults)
    infographic.file.save(
        f"infographic-{n}.png", ContentFile(standin_image(f"Infographic {n}", size=size)), save=False
    )
    infographic.save()
    return infographic


@pytest.fixture
def legacy_content(db):
    """The project's own content, loaded as `manage.py load_legacy_content` does."""
    call_command("load_legacy_content", verbosity=0)
