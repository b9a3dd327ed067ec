"""Local-disk media is served by the site itself, but never a draft's."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client

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


def currently_link(client, change_url):
    """The href of the first "Currently:" link on an admin change form (ClearableFileInput)."""
    body = client.get(change_url).content.decode()
    match = re.search(r'Currently:\s*<a href="([^"]+)"', body)
    assert match, "no Currently: link on the form"
    return match.group(1)


@pytest.fixture
def drafts_document(category, pdf_bytes):
    from tests.factories import make_document, make_initiative

    initiative = make_initiative(category=category, number=5, slug="a-draft", status=Status.DRAFT)
    return make_document(initiative, content=pdf_bytes)


def test_staff_open_a_drafts_pdf_from_the_currently_link(editor_client, drafts_document, pdf_bytes):
    change_url = f"/admin/initiatives/initiative/{drafts_document.initiative.pk}/change/"
    url = currently_link(editor_client, change_url)
    assert url == drafts_document.file.url
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == pdf_bytes


def test_a_drafts_pdf_is_404_for_visitors(client, drafts_document):
    assert client.get(drafts_document.file.url).status_code == 404


def test_staff_without_a_change_permission_get_404_for_a_stored_pdf(client, drafts_document):
    from django.contrib.auth.models import Permission, User

    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_initiative", "view_initiativedocument", "change_user"])
    )
    client.force_login(viewer)
    assert client.get(drafts_document.file.url).status_code == 404


def test_staff_get_a_live_image_uncached_and_visitors_cached(editor_client, png_bytes):
    category = category_with_icon(png_bytes)
    assert editor_client.get(category.icon.url)["Cache-Control"] == "private, no-store"
    assert "immutable" in Client().get(category.icon.url)["Cache-Control"]


def test_staff_get_404_for_a_file_that_is_not_stored(editor_client):
    assert editor_client.get("/media/initiatives/nothing-here.pdf").status_code == 404


def test_the_path_check_stands_for_staff_too(editor_client, media_root, png_bytes):
    (media_root.parent / "outside.png").write_bytes(png_bytes)
    response = editor_client.get("/media/categories/%2E%2E/../outside.png")
    assert response.status_code == 404
