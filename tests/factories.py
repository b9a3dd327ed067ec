"""Factories for the test suite: one function per kind of object, with sensible defaults.

Each makes a published object unless told otherwise (`status=Status.DRAFT`), with only
English text, so that other languages fall back; files are small generated stand-ins.
"""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from categories.models import Category
from core.models import Status
from core.standins import standin_image, standin_pdf
from initiatives.models import Initiative, InitiativeDocument
from media_library.models import Edition, EditionFile, Infographic, Publication, Video
from media_library.models.publications import PublicationKind
from seminars.models import (
    JAPAN,
    City,
    Format,
    Participation,
    ProgrammeItem,
    Seminar,
    SeminarPhoto,
    Session,
)

_numbers = itertools.count(1)
_serial = itertools.count(1)


def make_category(*, number=None, status=Status.PUBLISHED, **fields):
    if number is None:
        taken = set(Category.objects.values_list("number", flat=True))
        free = [n for n in range(1, 10) if n not in taken]
        assert free, "The database allows nine categories, numbered 1 to 9."
        number = free[next(_numbers) % len(free)]
    defaults = {
        "slug": f"category-{number}",
        "title_en": f"Category {number}",
        "summary_en": f"Summary of category {number}.",
        "status": status,
    }
    defaults.update(fields)
    return Category.objects.create(number=number, **defaults)


def make_initiative(*, category=None, number=None, status=Status.PUBLISHED, **fields):
    category = category or make_category()
    if number is None:
        taken = set(Initiative.objects.values_list("number", flat=True))
        number = next(n for n in range(1, 25) if n not in taken)
    defaults = {
        "slug": f"initiative-{number}",
        "title_en": f"Initiative {number}",
        "summary_en": f"Summary of initiative {number}.",
        "status": status,
    }
    defaults.update(fields)
    return Initiative.objects.create(number=number, category=category, **defaults)


def make_document(initiative, *, language="en", content=None):
    document = InitiativeDocument(initiative=initiative, language=language)
    document.file.save(
        f"{initiative.slug}-{language}.pdf", ContentFile(content or standin_pdf("Doc", pages=2)), save=False
    )
    document.save()
    return document


def future(days=1):
    return timezone.now() + datetime.timedelta(days=days)


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


def make_infographic(*, status=Status.PUBLISHED, size=(300, 425), **fields):
    """An infographic saved with a new original, so its renditions are made.

    Small by default (one rendition width, made in a few milliseconds): a test of the
    widths asks for a larger picture, such as size=(600, 850) for the 480 and 600 px ones.
    """
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


def japan(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=JAPAN)


def make_city(*, slug=None, status=Status.PUBLISHED, **fields):
    slug = slug or f"city-{next(_serial)}"
    defaults = {
        "name_en": slug.replace("-", " ").title(),
        "country_en": "Somewhere",
        "status": status,
    }
    defaults.update(fields)
    return City.objects.create(slug=slug, **defaults)


def make_seminar(*, slug=None, status=Status.PUBLISHED, start_date=None, end_date=None, **fields):
    slug = slug or f"seminar-{next(_serial)}"
    start_date = start_date or datetime.date(2021, 11, 24)
    defaults = {
        "series_en": "Tokyo Global Partners Seminar",
        "title_en": f"Seminar {slug}",
        "summary_en": f"Summary of {slug}.",
        "format": Format.ONLINE,
        "status": status,
    }
    defaults.update(fields)
    return Seminar.objects.create(
        slug=slug, start_date=start_date, end_date=end_date or start_date, **defaults
    )


def make_session(seminar, *, start, end, name="Session", order=None):
    order = order if order is not None else seminar.sessions.count() + 1
    return Session.objects.create(seminar=seminar, order=order, name_en=name, start=start, end=end)


def take_part(seminar, city, role=Participation.Role.PRESENTER):
    return Participation.objects.create(seminar=seminar, city=city, role=role)


def make_photo(seminar, *, order=1, alt="A photo", caption="Caption"):
    photo = SeminarPhoto(seminar=seminar, order=order, alt_text_en=alt, caption_en=caption)
    photo.image.save(f"photo-{order}.png", ContentFile(standin_image("Photo", size=(120, 80))), save=False)
    photo.save()
    return photo


def make_programme_item(seminar, *, text, order=1):
    return ProgrammeItem.objects.create(seminar=seminar, order=order, text_en=text)


# Rows without files, for reports that read names and languages, never the files themselves.
def make_document_row(initiative, language):
    return InitiativeDocument.objects.create(initiative=initiative, language=language)


def make_edition_file_row(edition, language, **fields):
    return EditionFile.objects.create(
        edition=edition, language=language, mime_type="application/pdf", **fields
    )


def make_infographic_row(**fields):
    n = next(_serial)
    defaults = {
        "slug": f"graphic-{n}",
        "title_en": f"Graphic {n}",
        "alt_text_en": "Text.",
        "mime_type": "image/png",
    }
    return Infographic.objects.create(**{**defaults, **fields})
