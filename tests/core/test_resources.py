"""Resources: a full disk changes nothing and says so; image decoding is bounded."""

import errno
import io
import os
from collections import namedtuple

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, JpegImagePlugin

from categories.models import Category
from core.validators import validate_image_data
from media_library.models import Infographic
from tests.admin_forms import form_values
from tests.factories import make_category, make_infographic

pytestmark = pytest.mark.django_db


def jpeg(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#226699").save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def png(size=(60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#226699").save(buffer, "PNG")
    return buffer.getvalue()


def files_in(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()]


@pytest.fixture
def disk_fills_while_writing(monkeypatch):
    """The disk fills halfway through writing any file."""

    def half_then_full(self, name, content):
        os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
        with open(self.path(name), "wb") as fh:
            fh.write(b"\x89PNG half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", half_then_full)


def test_a_full_disk_during_an_upload_saves_nothing_leaves_no_file_and_tells_the_editor(
    publisher_client, media_root, disk_fills_while_writing
):
    category = make_category(title_en="Before")
    url = f"/admin/categories/category/{category.pk}/change/"
    data = form_values(publisher_client, url)
    data.update({"title_en": "After", "icon": SimpleUploadedFile("icon.png", png(), "image/png")})
    response = publisher_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "The server has no room to store the file, so nothing was saved" in response.content.decode()
    assert Category.objects.get(pk=category.pk).title_en == "Before"
    assert files_in(media_root) == []


def test_an_upload_larger_than_the_free_space_is_refused_in_the_form(
    publisher_client, media_root, monkeypatch
):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("core.validators.shutil.disk_usage", lambda path: usage(10**9, 10**9, 1000))
    category = make_category()
    url = f"/admin/categories/category/{category.pk}/change/"
    data = form_values(publisher_client, url)
    data["icon"] = SimpleUploadedFile("icon.png", png(), "image/png")
    response = publisher_client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "The server has no room to store this file just now" in body
    assert "must be chosen again" in body
    assert files_in(media_root) == []


def test_the_default_pixel_cap_is_25_megapixels():
    from legacy_portal import settings as project_settings

    assert project_settings.PORTAL_MAX_IMAGE_PIXELS == 25_000_000


def test_a_jpeg_is_checked_in_reduced_size(monkeypatch):
    drafts = []
    original = JpegImagePlugin.JpegImageFile.draft

    def recording_draft(self, mode, size):
        drafts.append(size)
        return original(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", recording_draft)
    validate_image_data(jpeg((1600, 1200)))
    assert drafts == [(200, 150)]


def test_a_cut_jpeg_is_still_found_in_reduced_size():
    from django.core.exceptions import ValidationError

    data = jpeg((1600, 1200))
    with pytest.raises(ValidationError, match="damaged or incomplete"):
        validate_image_data(data[: len(data) // 2])


def test_a_large_jpeg_infographic_gets_its_renditions_from_a_reduced_decode(monkeypatch, media_root):
    from django.core.files.base import ContentFile

    drafts = []
    original = JpegImagePlugin.JpegImageFile.draft

    def recording_draft(self, mode, size):
        drafts.append(size)
        return original(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", recording_draft)
    infographic = make_infographic(size=(60, 40))
    infographic.file.save("big.jpg", ContentFile(jpeg((6000, 4000))), save=True)
    infographic = Infographic.objects.get(pk=infographic.pk)
    assert drafts == [(2880, 1920)]
    widths = sorted({r.width for r in infographic.renditions.all()})
    assert widths == [480, 960, 1440]
    assert {r.height for r in infographic.renditions.all() if r.width == 1440} == {960}
