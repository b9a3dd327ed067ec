"""Factories for seminars, sessions and partner cities."""

import datetime
import itertools

import pytest
from django.core.files.base import ContentFile

from core.models import Status
from core.standins import standin_image
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

_serial = itertools.count(1)


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


@pytest.fixture
def sixth_seminar(db):
    """The 6th seminar's dates, sessions and declared total, as the press release gives them."""
    seminar = make_seminar(
        slug="global-partners-seminar-2021",
        title_en="The 6th Tokyo Global Partners Seminar",
        edition=6,
        declared_city_total=21,
    )
    make_session(
        seminar, name="Morning session", start=japan(2021, 11, 24, 10), end=japan(2021, 11, 24, 12, 35)
    )
    make_session(
        seminar, name="Evening session", start=japan(2021, 11, 24, 17), end=japan(2021, 11, 24, 19, 25)
    )
    return seminar


@pytest.fixture
def seoul(db):
    return make_city(slug="seoul", name_en="Seoul", name_ja="ソウル", country_en="Republic of Korea")
