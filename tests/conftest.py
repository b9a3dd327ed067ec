"""Shared fixtures: a temporary media folder, content factories, staff users."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from categories.models import Category
from core.models import Status
from core.standins import standin_image, standin_pdf
from initiatives.models import Initiative, InitiativeDocument

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def english_by_default():
    """A request under /ja/ activates Japanese for the thread; start each test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own empty folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def pdf_bytes():
    return standin_pdf("Test document", ["for the test suite"], pages=3)


@pytest.fixture
def png_bytes():
    return standin_image("Test image", size=(300, 200))


def make_category(*, number=None, status=Status.PUBLISHED, **fields):
    number = number or (next(_numbers) % 9) + 1
    while Category.objects.filter(number=number).exists():
        number = number % 9 + 1
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


def count_queries(client, url):
    """How many SQL queries one GET of `url` runs (it must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def future(days=1):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def category(db):
    return make_category(
        number=1, slug="safety-and-security", title_en="Safety and Security", title_ja="安全・安心"
    )


@pytest.fixture
def initiative(category):
    return make_initiative(
        category=category, number=1, slug="crisis-management", title_en="Crisis management"
    )


def _staff(username, group_name=None, *, superuser=False):
    user = User.objects.create_user(username, password="pw", is_staff=True, is_superuser=superuser)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _staff("editor", "Editor")


@pytest.fixture
def publisher(db):
    return _staff("publisher", "Publisher")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client
