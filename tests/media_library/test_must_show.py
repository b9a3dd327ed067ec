"""The issue's "Must show", on the project's own content as a fresh run loads it."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from media_library.models import EditionFile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]


def section(page, title, next_title=None):
    start = page.index(title)
    return page[start : page.index(next_title, start) if next_title else None]


def test_publications_page_offers_each_booklet_in_its_languages(client, legacy_content):
    page = client.get("/en/publications/").content.decode()
    legacy = section(page, "Building the Legacy – Beyond 2020 –", "Towards 2020 – Building the Legacy –")
    for language in ("English", "Japanese", "French"):
        assert f"KB, {language}, 2 pages" in legacy
    assert "Après les Jeux, leur héritage – Au-delà de 2020 –" in legacy
    towards = section(page, "Towards 2020 – Building the Legacy –", "TOKYO2020 Memories")
    assert towards.count('class="edition"') == 3
    assert "Reprinted edition · " in towards
    assert '<time datetime="2018-12">December 2018</time>' in towards
    assert '<time datetime="2018-10">October 2018</time>' in towards
    assert '<time datetime="2016">2016</time>' in towards


def test_every_publication_download_returns_the_real_file(client, legacy_content):
    for stored in EditionFile.objects.select_related("edition__publication"):
        response = client.get(stored.get_absolute_url())
        assert response.status_code == 200
        with default_storage.open(stored.file.name) as fh:
            assert b"".join(response.streaming_content) == fh.read()
        assert response["Content-Type"] == stored.mime_type
        assert response["Content-Length"] == str(stored.size)


def test_infographics_page_shows_three_images_and_the_zip_opens(client, legacy_content):
    page = client.get("/en/infographics/").content.decode()
    assert page.count("<picture>") == 3
    assert page.count(' srcset="/media/infographics/renditions/') == 6
    assert page.count('alt="Stand-in image with the words') == 3
    response = client.get("/en/infographics/all.zip")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        images = [name for name in archive.namelist() if name.endswith(".png")]
        assert len(images) == 3
        for name in images:
            with Image.open(io.BytesIO(archive.read(name))) as image:
                image.load()
