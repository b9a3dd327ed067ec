"""Shared fixtures: a temporary media folder, the legacy content, staff users.

Factories (make_category, make_video...) are in tests/factories.py.
"""

import contextlib
import json
import os
import shutil

import pytest
from _pytest.nodeid import coerce_node_id
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import translation

from core.database import refresh_statistics
from core.standins import standin_image, standin_pdf
from tests.factories import make_category, make_initiative
from tests.shipped_pages import shipped_pages  # noqa: F401 (a fixture)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep `--dist loadgroup`'s groups (pyproject.toml): pytest-xdist 3.8 names a test's
    `xdist_group` at the end of its node id (`…@browser`) through `item._nodeid`, which
    pytest 9 no longer reads, so every group was spread over all workers. Name it where
    pytest 9 keeps the id, as xdist does for older pytest."""
    if not config.getoption("loadgroup", default=False) or not hasattr(items[0] if items else None, "_id"):
        return
    for item in items:
        names = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        if names and "@" not in item.nodeid:
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(names)}")


@pytest.fixture(autouse=True)
def english_by_default():
    """A request under /ja/ activates Japanese for the thread; start each test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def media_root(request, settings, tmp_path):
    """Every test writes uploads to its own folder: empty, or a copy of the legacy content's files.

    The copy is of hard links (6.6 MB, a hundred files, for each of some 400 tests): the
    storage never writes into an existing file (it saves under a new name and deletes by
    unlinking), so no test can change the files another test sees.
    """
    root = tmp_path / "media"
    if "legacy_content" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("legacy_site"), root, copy_function=link_or_copy)
    else:
        root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


class LegacyRows:
    """The rows `load_legacy_content` writes, read once and written again by plain SQL.

    Loading the content (YAML, stand-in images and PDFs, renditions, revisions) takes
    seconds; writing its few hundred rows back takes milliseconds.
    """

    def __init__(self, tables):
        self.tables = tables  # {table: (columns, rows)}, only the rows the loader added

    @classmethod
    def load(cls, media):
        """Run the loader in a transaction that is rolled back, keeping the rows it wrote."""
        with transaction.atomic():
            before = cls.read_tables()
            with override_settings(MEDIA_ROOT=media), translation.override("en"):
                call_command("load_legacy_content", verbosity=0)
            after = cls.read_tables()
            transaction.set_rollback(True)
        tables = {}
        for table, (columns, rows) in after.items():
            old = before.get(table, (columns, set()))[1]
            assert old <= rows, f"the loader changed or deleted existing rows of {table}"
            if rows - old:
                tables[table] = (columns, sorted(rows - old, key=repr))
        return cls(tables)

    @staticmethod
    def read_tables():
        tables = {}
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                if table.startswith("sqlite_"):  # SQLite's own (ANALYZE's statistics)
                    continue
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                columns = [column[0] for column in cursor.description]
                tables[table] = (columns, {tuple(map(hashable, row)) for row in cursor.fetchall()})
        return tables

    def write(self):
        quote = connection.ops.quote_name
        # Foreign keys are checked at commit (Django creates them deferred), so any order works.
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (columns, rows) in self.tables.items():
                names = ", ".join(map(quote, columns))
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",
                    rows,
                )
            models = [
                model
                for model in apps.get_models(include_auto_created=True)
                if model._meta.db_table in self.tables
            ]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        refresh_statistics()  # as the loader does

    def delete(self):
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (columns, rows) in self.tables.items():
                key = columns.index("id")
                cursor.executemany(f"DELETE FROM {quote(table)} WHERE id = %s", [[row[key]] for row in rows])


def hashable(value):
    """PostgreSQL gives JSON columns as dicts and lists; keep them as their JSON text."""
    return json.dumps(value) if isinstance(value, (dict, list)) else value


@pytest.fixture(scope="session")
def legacy_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """The legacy content, loaded once per test session (per worker under xdist), then
    rolled back: its rows (see LegacyRows) and the folder of its files."""
    media = tmp_path_factory.mktemp("legacy-media")
    with django_db_blocker.unblock():
        rows = LegacyRows.load(media)
    return rows, media


@pytest.fixture(scope="module")
def legacy_site(legacy_rows, django_db_blocker):
    """The project's own content, as `load_legacy_content` writes it, for one test module.

    It is written outside the per-test transactions, so every test of the module sees it
    and each test's own changes are rolled back; it is deleted when the module ends. A
    module that uses it uses it in every test (`pytestmark = usefixtures("legacy_content")`),
    since a test of the same module that does not ask for it would still see it.
    The loader runs once per session (legacy_rows); each module gets its rows written
    again. Returns the folder of its files, which each test gets a copy of (see media_root).
    """
    rows, media = legacy_rows
    with django_db_blocker.unblock():
        rows.write()
    yield media
    with django_db_blocker.unblock():
        rows.delete()


@pytest.fixture
def legacy_content(legacy_site, db):
    """Use the legacy content in this test (see legacy_site)."""


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Make changes as if their transaction committed: what was to run on commit runs,
    and is then forgotten, as after a real commit. Each test is one transaction that
    is rolled back, so what waits for a commit (the page cache's content version)
    would otherwise never run: `with committed(): ...`."""

    @contextlib.contextmanager
    def committed():
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield
        ran = set(map(id, callbacks))
        connection.run_on_commit[:] = [entry for entry in connection.run_on_commit if id(entry[1]) not in ran]

    return committed


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
