"""Shared fixtures: a temporary media folder, the legacy content, staff users.

Factories (make_category, make_video...) are in tests/factories.py.
"""

import shutil

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db.models import ProtectedError
from django.test import Client, override_settings
from django.utils import translation

from core.standins import standin_image, standin_pdf
from tests.factories import make_category, make_initiative

CONTENT_APPS = ("seminars", "initiatives", "media_library", "categories", "core", "admin")


@pytest.fixture(autouse=True)
def english_by_default():
    """A request under /ja/ activates Japanese for the thread; start each test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def media_root(request, settings, tmp_path):
    """Every test writes uploads to its own folder: empty, or a copy of the legacy content's files."""
    root = tmp_path / "media"
    if "legacy_content" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("legacy_site"), root)
    else:
        root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def remove_content():
    """Delete every row of the content apps, whatever protects what (PROTECT is retried later)."""
    pending = [model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models()]
    for _attempt in range(len(pending)):
        for model in list(pending):
            try:
                model._base_manager.all().delete()
            except ProtectedError:
                continue
            pending.remove(model)
        if not pending:
            return
    raise AssertionError(f"Could not delete {pending}")


@pytest.fixture(scope="module")
def legacy_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The project's own content, loaded once per test module as `load_legacy_content` does.

    It is written outside the per-test transactions, so every test of the module sees it
    and each test's own changes are rolled back; it is deleted when the module ends. A
    module that uses it uses it in every test (`pytestmark = usefixtures("legacy_content")`),
    since a test of the same module that does not ask for it would still see it.
    Returns the folder of its files, which each test gets a copy of (see media_root).
    """
    media = tmp_path_factory.mktemp("legacy-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), translation.override("en"):
        call_command("load_legacy_content", verbosity=0)
    yield media
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        remove_content()


@pytest.fixture
def legacy_content(legacy_site, db):
    """Use the legacy content in this test (see legacy_site)."""


@pytest.fixture
def pdf_bytes():
    return standin_pdf("Test document", ["for the test suite"], pages=3)


@pytest.fixture
def png_bytes():
    return standin_image("Test image", size=(300, 200))


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
def editor_client(editor):
    """A browser signed in as the editor (its own: `client` stays a visitor)."""
    browser = Client()
    browser.force_login(editor)
    return browser


@pytest.fixture
def publisher_client(publisher):
    browser = Client()
    browser.force_login(publisher)
    return browser
