"""Local-disk media is served by the site itself, but never a draft's."""

import pytest
from django.core.files.base import ContentFile

from core.models import Status
from tests.factories import make_category

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
    from tests.factories import make_document

    document = make_document(initiative, content=pdf_bytes)
    assert client.get(document.file.url).status_code == 404


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/media/../outside.png", "../outside.png"),
        ("/media/categories/%2E%2E/../outside.png", "categories/../../outside.png"),
    ],
)
def test_path_traversal_is_refused_even_for_a_path_a_live_object_names(
    client, media_root, png_bytes, url, name
):
    # A file beside (not inside) the media folder, named by a live category: only the
    # path check stands between a visitor and it.
    (media_root.parent / "outside.png").write_bytes(png_bytes)
    category = make_category()
    type(category).objects.filter(pk=category.pk).update(icon=name)
    response = client.get(url)
    assert response.status_code == 404
    assert png_bytes not in response.content
