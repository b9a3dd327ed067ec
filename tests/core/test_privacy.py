"""Uploaded images are stored without what the camera wrote into them; PDFs say who made them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from categories.models import Category
from core.images import strip_metadata
from core.standins import standin_pdf
from media_library.models import EditionFile, Infographic
from seminars.models import SeminarPhoto
from tests.admin_forms import form_values
from tests.factories import make_category, make_edition, make_publication, make_seminar

pytestmark = pytest.mark.django_db

# 35°41′22″N 139°41′30″E, as a camera writes it.
GPS = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)}
MARKERS = [b"Exif", b"GPS", b"139", b"http://ns.adobe.com/xap", b"Serial-1234", b"Secret comment"]


def camera_photo(fmt="JPEG", *, orientation=1, size=(120, 80)):
    """A photo with a GPS position, a camera serial number, XMP and a comment."""
    image = Image.new("RGB", size, "#3366aa")
    image.paste((250, 200, 0), (0, 0, size[0] // 2, size[1] // 3))  # a mark to find the top-left
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0xA431] = "Serial-1234"  # BodySerialNumber
    exif.get_ifd(0x8825).update(GPS)
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes(), "xmp": b'<x:xmpmeta xmlns:x="http://ns.adobe.com/xap/1.0/"/>'}
    if fmt == "JPEG":
        options["comment"] = b"Secret comment"
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def assert_clean(data):
    for marker in MARKERS:
        assert marker not in data, marker
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert not image.getexif()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_strip_metadata_removes_position_serial_xmp_and_comments(fmt):
    original = camera_photo(fmt)
    assert b"Serial-1234" in original
    cleaned = strip_metadata(original)
    assert_clean(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (120, 80)
        assert image.format == fmt


def test_a_jpeg_without_a_rotation_keeps_its_picture_byte_for_byte():
    original = camera_photo("JPEG")
    cleaned = strip_metadata(original)
    scan = original.index(b"\xff\xda")
    assert cleaned.endswith(original[scan:])


def test_an_image_taken_sideways_is_turned_upright_and_loses_the_tag():
    cleaned = strip_metadata(camera_photo("JPEG", orientation=6, size=(120, 80)))
    assert_clean(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (80, 120)


def plain_png(size=(120, 80)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#3366aa").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("made", "turned"),
    [
        (plain_png, False),
        (lambda: camera_photo("PNG"), False),
        (lambda: camera_photo("PNG", orientation=6), True),
    ],
    ids=["no-metadata", "upright", "sideways"],
)
def test_a_pngs_metadata_is_removed_without_decoding_its_picture(monkeypatch, made, turned):
    """Pillow's PNG getexif() decodes the whole picture (100 MB at the pixel cap) when no
    eXIf chunk comes before the image data, as in most PNGs; the chunks are read instead,
    and only a picture that must be turned is decoded."""
    from PIL import PngImagePlugin

    data = made()
    decoded = []
    load = PngImagePlugin.PngImageFile.load
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", lambda self: decoded.append(1) or load(self))
    cleaned = strip_metadata(data)
    assert bool(decoded) == turned
    monkeypatch.undo()
    assert_clean(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == ((80, 120) if turned else (120, 80))


def test_a_pdf_is_left_as_it_is():
    pdf = standin_pdf("Doc")
    assert strip_metadata(pdf) == pdf


def test_a_category_icon_uploaded_with_its_position_is_stored_and_served_without_it(
    publisher_client, client, media_root
):
    category = make_category(slug="area")
    url = f"/admin/categories/category/{category.pk}/change/"
    data = form_values(publisher_client, url)
    data["icon"] = SimpleUploadedFile("photo.jpg", camera_photo(), content_type="image/jpeg")
    assert publisher_client.post(url, data).status_code == 302
    category = Category.objects.get(pk=category.pk)
    assert_clean((media_root / category.icon.name).read_bytes())
    assert (category.icon_width, category.icon_height) == (120, 80)
    served = b"".join(client.get(category.icon.url).streaming_content)
    assert_clean(served)


def test_a_seminar_photo_taken_sideways_is_stored_upright_and_without_its_position(
    publisher_client, media_root
):
    seminar = make_seminar(slug="seminar")
    url = f"/admin/seminars/seminar/{seminar.pk}/change/"
    data = form_values(publisher_client, url)
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-order": "1",
            "photos-0-alt_text_en": "Participants",
            "photos-0-image": SimpleUploadedFile("group.jpg", camera_photo(orientation=6), "image/jpeg"),
        }
    )
    response = publisher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    photo = SeminarPhoto.objects.get()
    assert_clean((media_root / photo.image.name).read_bytes())
    assert (photo.width, photo.height) == (80, 120)


def test_an_image_edition_file_is_stored_without_its_position_and_its_facts_match(
    publisher_client, client, media_root
):
    edition = make_edition(make_publication(cover=False))
    url = f"/admin/media_library/edition/{edition.pk}/change/"
    data = form_values(publisher_client, url)
    data.update(
        {
            "files-TOTAL_FORMS": "1",
            "files-0-language": "en",
            "files-0-alt_text": "A thank-you card",
            "files-0-file": SimpleUploadedFile("card.jpg", camera_photo(), "image/jpeg"),
        }
    )
    assert publisher_client.post(url, data).status_code == 302
    stored = EditionFile.objects.get()
    on_disk = (media_root / stored.file.name).read_bytes()
    assert_clean(on_disk)
    assert stored.size == len(on_disk)
    download = client.get(stored.get_absolute_url())
    assert download["Content-Length"] == str(len(on_disk))
    assert_clean(b"".join(download.streaming_content))


def test_an_infographic_original_and_its_renditions_carry_no_position(publisher_client, media_root):
    url = "/admin/media_library/infographic/add/"
    data = form_values(publisher_client, url)
    data.update(
        {
            "title_en": "Legacy in numbers",
            "slug": "numbers",
            "alt_text_en": "A chart",
            "position": "1",
            "file": SimpleUploadedFile("chart.jpg", camera_photo(size=(600, 400)), "image/jpeg"),
        }
    )
    assert publisher_client.post(url, data).status_code == 302
    infographic = Infographic.objects.get()
    assert_clean((media_root / infographic.file.name).read_bytes())
    for rendition in infographic.renditions.all():
        assert b"GPS" not in (media_root / rendition.file.name).read_bytes()


def test_a_pdfs_own_metadata_is_shown_to_the_editor(publisher_client):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(standin_pdf("Booklet", pages=1)))
    writer.add_metadata({"/Author": "Taro Yamada", "/Creator": "Desktop Publisher 9"})
    buffer = io.BytesIO()
    writer.write(buffer)
    edition = make_edition(make_publication(cover=False))
    url = f"/admin/media_library/edition/{edition.pk}/change/"
    data = form_values(publisher_client, url)
    data.update(
        {
            "files-TOTAL_FORMS": "1",
            "files-0-language": "en",
            "files-0-file": SimpleUploadedFile("booklet.pdf", buffer.getvalue(), "application/pdf"),
        }
    )
    assert publisher_client.post(url, data, follow=True).status_code == 200
    stored = EditionFile.objects.get()
    assert stored.document_info["author"] == "Taro Yamada"
    page = publisher_client.get(url).content.decode()
    assert "Taro Yamada" in page
    assert "Desktop Publisher 9" in page
