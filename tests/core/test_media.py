"""Local-disk media is served by the site itself, but never a draft's."""

import pytest
from django.core.files.base import ContentFile

from core.models import Status
from tests.conftest import make_category

pytestmark = pytest.mark.django_db


def category_with_icon(png_bytes, **fields):
    category = make_category(**fields)
    category.icon.save("icon.png", ContentFile(png_bytes))
    return category


def test_live_image_is_served_with_long_cache_headers(client, png_bytes):
    category = category_with_icon(png_bytes)
    response = client.get(category.icon.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == png_bytes


def test_a_drafts_image_is_404_for_visitors(client, png_bytes):
    category = category_with_icon(png_bytes, status=Status.DRAFT)
    assert client.get(category.icon.url).status_code == 404


def test_staff_see_a_drafts_image_in_preview(editor_client, png_bytes):
    category = category_with_icon(png_bytes, status=Status.DRAFT)
    assert editor_client.get(category.icon.url).status_code == 200


def test_documents_are_not_served_from_the_media_url(client, initiative, pdf_bytes):
    from tests.conftest import make_document

    document = make_document(initiative, content=pdf_bytes)
    assert client.get(document.file.url).status_code == 404


def test_path_traversal_is_refused(client):
    assert client.get("/media/../manage.py").status_code == 404


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("report.pdf", 'attachment; filename="report.pdf"'),
        ('say "hi".pdf', 'attachment; filename="say \\"hi\\".pdf"'),
        ("Après.pdf", "attachment; filename=\"Apres.pdf\"; filename*=utf-8''Apr%C3%A8s.pdf"),
        (
            "日本語.pdf",
            "attachment; filename=\"download.pdf\"; filename*=utf-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf",
        ),
        ("日本", "attachment; filename=\"download\"; filename*=utf-8''%E6%97%A5%E6%9C%AC"),
    ],
)
def test_content_disposition_keeps_non_ascii_names_with_an_ascii_fallback(filename, expected):
    from core.downloads import attachment_disposition

    assert attachment_disposition(filename) == expected
