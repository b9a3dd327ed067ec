"""Refused uploads: the editor sees why, and nothing reaches storage."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.models import Status
from core.standins import standin_image
from media_library.models import EditionFile, Infographic, Video
from tests.factories import make_edition, make_publication

pytestmark = pytest.mark.django_db


def png_claiming_size(width, height):
    """A tiny PNG whose header claims `width` × `height` pixels: a decompression bomb's shape."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


def jpeg_bytes():
    return standin_image("A photo", size=(200, 100), image_format="JPEG")


BAD_IMAGES = {
    "decompression bomb": ("bomb.png", png_claiming_size(30_000, 30_000), "too many pixels"),
    "SVG with a script": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "SVG images are not accepted",
    ),
    "JPEG renamed .pdf": ("photo.pdf", jpeg_bytes(), "Files ending in “.pdf” are not accepted here"),
    "truncated image": (
        "cut.png",
        standin_image("Cut short", size=(400, 300))[:2000],
        "damaged or incomplete",
    ),
    "zero-byte file": ("empty.png", b"", "empty"),
}


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_refused_thumbnail_shows_why_and_stores_nothing(publisher_client, media_root, case):
    name, content, message = BAD_IMAGES[case]
    response = publisher_client.post(
        "/admin/media_library/video/add/",
        {
            "title_en": "FIND YOUR HERO",
            "slug": "find-your-hero",
            "position": "1",
            "status": Status.DRAFT,
            "thumbnail": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["thumbnail"]
    assert any(message in error for error in errors), errors
    assert not Video.objects.exists()
    assert stored_files(media_root) == []


def edition_form(edition, upload):
    return {
        "publication": edition.publication.pk,
        "published_on": "2021-07-01",
        "date_precision": "month",
        "position": "0",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-language": "fr",
        "files-0-file": upload,
        "files-0-edition": edition.pk,
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.pdf", jpeg_bytes(), "ends in “.pdf” but its content is not a PDF file"),
        ("empty.pdf", b"", "is empty"),
        ("logo.svg", b"<svg><script>alert(1)</script></svg>", "SVG images are not accepted"),
    ],
)
def test_refused_edition_file_shows_why_and_stores_nothing(
    publisher_client, media_root, name, content, message
):
    edition = make_edition(make_publication(cover=False))
    response = publisher_client.post(
        f"/admin/media_library/edition/{edition.pk}/change/",
        edition_form(edition, SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EditionFile.objects.exists()
    assert stored_files(media_root) == []


def test_accepted_edition_file_gets_its_facts_from_the_content(editor_client, pdf_bytes):
    edition = make_edition(make_publication(cover=False, status=Status.DRAFT))
    response = editor_client.post(
        f"/admin/media_library/edition/{edition.pk}/change/",
        edition_form(edition, SimpleUploadedFile("apres-les-jeux.pdf", pdf_bytes)),
    )
    assert response.status_code == 302
    stored = EditionFile.objects.get()
    assert (stored.language, stored.mime_type, stored.size, stored.page_count) == (
        "fr",
        "application/pdf",
        len(pdf_bytes),
        3,
    )


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_refused_infographic_shows_why_and_stores_nothing(publisher_client, media_root, case):
    name, content, message = BAD_IMAGES[case]
    response = publisher_client.post(
        "/admin/media_library/infographic/add/",
        {
            "title_en": "Building the Legacy",
            "alt_text_en": "The nine areas of the legacy.",
            "slug": "building-the-legacy",
            "position": "1",
            "status": Status.DRAFT,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert any(message in error for error in errors), errors
    assert not Infographic.objects.exists()
    assert stored_files(media_root) == []


def test_infographic_without_alt_text_is_refused(publisher_client, media_root, png_bytes):
    response = publisher_client.post(
        "/admin/media_library/infographic/add/",
        {
            "title_en": "Building the Legacy",
            "alt_text_en": "",
            "slug": "building-the-legacy",
            "position": "1",
            "status": Status.DRAFT,
            "file": SimpleUploadedFile("legacy.png", png_bytes),
        },
    )
    assert response.status_code == 200
    assert "alt_text_en" in response.context["adminform"].form.errors
    assert stored_files(media_root) == []


def test_accepted_infographic_gets_its_renditions(editor_client, png_bytes):
    response = editor_client.post(
        "/admin/media_library/infographic/add/",
        {
            "title_en": "Building the Legacy",
            "alt_text_en": "The nine areas of the legacy.",
            "slug": "building-the-legacy",
            "position": "1",
            "file": SimpleUploadedFile("legacy.png", png_bytes),
        },
    )
    assert response.status_code == 302
    infographic = Infographic.objects.get()
    assert (infographic.status, infographic.width, infographic.height) == (Status.DRAFT, 300, 200)
    assert sorted(infographic.renditions.values_list("format", "width")) == [("jpeg", 300), ("webp", 300)]
