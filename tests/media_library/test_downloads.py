import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client

from core.models import DownloadCount, Status
from tests.factories import make_edition, make_file, make_publication

pytestmark = pytest.mark.django_db

FRENCH_TITLE = "Après les Jeux, leur héritage – Au-delà de 2020 –"


def body(response):
    # Reading to the end closes the file (the test client closes the response then).
    return b"".join(response.streaming_content)


def count_of(obj):
    rows = DownloadCount.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
    )
    return sum(rows.values_list("count", flat=True)), rows.count()


@pytest.fixture
def french_file(pdf_bytes):
    publication = make_publication(slug="building-the-legacy", title_en="Building the Legacy – Beyond 2020 –")
    return make_file(make_edition(publication), language="fr", title=FRENCH_TITLE, content=pdf_bytes)


def test_edition_file_is_served_with_type_length_and_a_non_ascii_filename(client, french_file, pdf_bytes):
    response = client.get(french_file.get_absolute_url())
    assert response.status_code == 200
    assert body(response) == pdf_bytes
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(pdf_bytes))
    # RFC 6266 / 5987: the UTF-8 name, percent-encoded, accents and dashes kept.
    disposition = response["Content-Disposition"]
    assert disposition.endswith(f"; filename*=utf-8''{quote(french_file.download_filename)}")
    # An ASCII fallback first, for clients that do not read filename* (RFC 6266, 4.3).
    assert disposition.startswith('attachment; filename="Apres les Jeux, leur heritage')
    assert disposition.split("filename*=", 1)[1].startswith(
        "utf-8''Apr%C3%A8s%20les%20Jeux%2C%20leur%20h%C3%A9ritage%20%E2%80%93%20"
        "Au-del%C3%A0%20de%202020%20%E2%80%93%20%282021-07%2C%20"
    )


def test_each_download_is_counted_in_one_row_per_file_per_day(client, french_file):
    for _ in range(3):
        body(client.get(french_file.get_absolute_url()))
    assert count_of(french_file) == (3, 1)


def test_head_request_is_not_counted(client, french_file):
    assert client.head(french_file.get_absolute_url()).status_code == 200
    assert count_of(french_file) == (0, 0)


def test_draft_publications_file_is_404_for_visitors(client, french_file):
    publication = french_file.edition.publication
    publication.status = Status.DRAFT
    publication.save()
    response = client.get(french_file.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert count_of(french_file) == (0, 0)


def test_scheduled_publications_file_is_404_until_its_time(client, french_file):
    from tests.factories import future

    publication = french_file.edition.publication
    publication.publish_at = future()
    publication.save()
    assert client.get(french_file.get_absolute_url()).status_code == 404


def test_draft_publications_file_is_served_to_editors(editor_client, french_file):
    french_file.edition.publication.status = Status.DRAFT
    french_file.edition.publication.save()
    assert editor_client.get(french_file.get_absolute_url()).status_code == 200


def test_a_file_is_only_found_under_its_own_publication(client, french_file):
    other = make_publication(slug="another")
    assert client.get(f"/en/publications/{other.slug}/files/{french_file.pk}/").status_code == 404


def test_downloads_only_answer_get_and_head(client, french_file):
    assert client.post(french_file.get_absolute_url()).status_code == 405


def test_files_are_read_through_the_storage_api_only(client, settings, pdf_bytes):
    # In-memory storage has no paths at all: anything that used MEDIA_ROOT or .path would fail.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    stored = make_file(make_edition(make_publication()), language="en", content=pdf_bytes)
    response = client.get(stored.get_absolute_url())
    assert body(response) == pdf_bytes
    assert stored.page_count == 3


# Like every transactional test, it starts from the migrations' data (serialized_rollback), whatever
# transactional test ran before it in this process: after a serialized one, the tables are empty.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_concurrent_downloads_add_exactly_200(pdf_bytes):
    """Concurrent clicks lose no count, and add no row: one atomic UPDATE per download."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite lets one writer at a time, so it cannot show lost updates.")
    stored = make_file(make_edition(make_publication()), language="en", content=pdf_bytes)
    url = stored.get_absolute_url()
    threads, per_thread = 20, 10
    start = threading.Barrier(threads)

    def download_many():
        client = Client()
        try:
            start.wait()
            return [body(response) == pdf_bytes for response in (client.get(url) for _ in range(per_thread))]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = [
            ok for future in [pool.submit(download_many) for _ in range(threads)] for ok in future.result()
        ]
    assert results == [True] * 200
    assert count_of(stored) == (200, 1)


@pytest.mark.parametrize(
    "path",
    [
        "/en/publications/building-the-legacy/files/99999999999999999999999/",
        "/en/publications/no-such-publication/files/1/",
        "/en/infographics/no-such-image/original/",
        "/en/videos/?page=999",
        "/en/publications/?page=abc",
    ],
)
def test_bad_addresses_are_404_in_the_sites_design(client, french_file, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
