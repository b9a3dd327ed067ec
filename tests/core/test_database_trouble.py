"""Database trouble (unreachable, read-only, locked) is a 503 in the site's design, not a 500."""

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.utils import translation

from core.models import DownloadCount
from core.views import server_error
from tests.factories import make_category, make_document, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_database(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)


def assert_service_unavailable(response, text):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert text in body
    assert 'class="site-header"' in body


def test_an_unreachable_database_gives_visitors_a_503_page_in_their_language(client, unreachable_database):
    assert_service_unavailable(client.get("/fr/categories/"), "Désolé, le service est indisponible")


def test_database_trouble_outside_a_view_is_a_503_too():
    request = RequestFactory().get("/en/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        with translation.override("en"):
            response = server_error(request)
    assert_service_unavailable(response, "Sorry, the service is unavailable")


def test_a_bug_is_still_a_500():
    request = RequestFactory().get("/en/")
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500


# Like every transactional test, it starts from the migrations' data (serialized_rollback), whatever
# transactional test ran before it in this process: after a serialized one, the tables are empty.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_download_with_a_read_only_database_is_a_503_and_not_counted(client):
    document = make_document(make_initiative(category=make_category()))
    url = document.get_absolute_url()
    with connection.cursor() as cursor:
        cursor.execute(
            "SET default_transaction_read_only = on"
            if connection.vendor == "postgresql"
            else "PRAGMA query_only = ON"
        )
    try:
        response = client.get(url)
        assert_service_unavailable(response, "Sorry, the service is unavailable")
        assert client.get("/en/categories/").status_code == 200  # reading still works
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["database_read"] == "ok"
        assert health.json()["database_write"] == "unavailable"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "SET default_transaction_read_only = off"
                if connection.vendor == "postgresql"
                else "PRAGMA query_only = OFF"
            )
    assert not DownloadCount.objects.exists()


def test_healthz_says_which_check_failed_when_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database_read"] == "unavailable"


def test_healthz_answers_plain_http_without_a_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301


def test_sqlite_waits_a_few_seconds_for_a_lock_and_writes_ahead():
    import subprocess
    import sys

    from django.conf import settings

    code = "from legacy_portal import settings as s; print(s.DATABASES['default']['OPTIONS'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"PATH": "", "DJANGO_DEBUG": "true", "DATABASE_URL": "sqlite:////tmp/portal-test.sqlite3"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "'timeout': 3" in result.stdout
    assert "'transaction_mode': 'IMMEDIATE'" in result.stdout
    assert "journal_mode=WAL" in result.stdout
