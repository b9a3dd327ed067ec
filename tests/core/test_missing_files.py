"""A missing or unreadable file never breaks a page, and rendering a page reads no file."""

import pytest
from django.core.files.storage import FileSystemStorage

from core.models import DownloadCount
from media_library.models import Video
from seminars.models import SeminarPhoto
from tests.factories import (
    make_category,
    make_city,
    make_document,
    make_edition,
    make_file,
    make_initiative,
    make_photo,
    make_publication,
    make_seminar,
    make_video,
    take_part,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def opens(monkeypatch):
    """Every file the storage opens while the test runs."""
    opened = []
    original = FileSystemStorage._open

    def counting_open(self, name, mode="rb"):
        opened.append(name)
        return original(self, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", counting_open)
    return opened


def remove(field_file, media_root):
    (media_root / field_file.name).unlink()


def test_a_new_image_has_its_size_stored_when_it_is_saved():
    video = make_video()
    assert (video.thumbnail_width, video.thumbnail_height) == (320, 180)
    stored = Video.objects.values_list("thumbnail_width", "thumbnail_height").get(pk=video.pk)
    assert stored == (320, 180)


def test_an_image_saved_by_the_loaders_path_has_its_size_stored(media_root):
    from django.core.files.base import ContentFile

    from core.standins import standin_image

    video = make_video(thumbnail=False)
    # The loader's fill_file: FieldFile.save(..., save=True) on a saved object.
    video.thumbnail.save("later.png", ContentFile(standin_image("Later", size=(64, 36))), save=True)
    assert Video.objects.values_list("thumbnail_width", "thumbnail_height").get(pk=video.pk) == (64, 36)


@pytest.mark.parametrize("url", ["/en/", "/ja/", "/en/videos/", "/sitemap.xml"])
def test_a_missing_video_thumbnail_breaks_no_page(client, media_root, url):
    video = make_video(featured=True, title_en="Thank you film")
    remove(video.thumbnail, media_root)
    response = client.get(url)
    assert response.status_code == 200
    if url != "/sitemap.xml":
        # The image keeps its size and alt; the browser shows the alt.
        assert f'width="{video.thumbnail_width}"' in response.content.decode()


def test_a_missing_seminar_photo_breaks_no_page(client, media_root):
    seminar = make_seminar(slug="seminar")
    photo = make_photo(seminar, alt="Group photo of participants")
    remove(photo.image, media_root)
    response = client.get("/en/seminars/seminar/")
    assert response.status_code == 200
    assert 'alt="Group photo of participants"' in response.content.decode()


def test_loading_a_model_with_an_unknown_image_size_reads_no_file(opens):
    photo = make_photo(make_seminar())
    SeminarPhoto.objects.filter(pk=photo.pk).update(width=None, height=None)
    opens.clear()
    loaded = SeminarPhoto.objects.get(pk=photo.pk)
    assert loaded.width is None
    assert opens == []


@pytest.mark.parametrize(
    "url",
    ["/en/", "/ja/", "/en/categories/", "/en/categories/area/", "/en/initiatives/",
     "/en/initiatives/work/", "/en/videos/", "/en/videos/film/", "/en/publications/",
     "/en/publications/booklet/", "/en/infographics/", "/en/seminars/", "/en/seminars/seminar/",
     "/en/cities/", "/en/cities/city/", "/en/feeds/", "/en/feeds/all/", "/en/open-data/",
     "/api/v1/initiatives", "/api/v1/videos", "/api/v1/publications", "/api/v1/infographics",
     "/api/v1/seminars", "/api/v1/cities", "/sitemap.xml"],
)  # fmt: skip
def test_rendering_a_page_opens_no_file(client, opens, url):
    from media_library.models import InfographicArchive
    from tests.factories import make_infographic

    category = make_category(slug="area")
    category.icon.save("icon.png", make_video(thumbnail=True).thumbnail.file, save=True)
    make_video(slug="film", featured=True)
    publication = make_publication(slug="booklet")
    make_file(make_edition(publication), language="en")
    make_infographic()
    InfographicArchive.current(build=True)
    seminar = make_seminar(slug="seminar")
    make_photo(seminar)
    take_part(seminar, make_city(slug="city"))
    make_document(make_initiative(category=category, slug="work"))
    opens.clear()
    assert client.get(url).status_code == 200
    assert opens == []


def test_a_missing_document_is_a_404_page_and_is_not_counted(client, media_root):
    initiative = make_initiative(category=make_category())
    document = make_document(initiative)
    remove(document.file, media_root)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert not DownloadCount.objects.exists()


def test_a_missing_edition_file_is_a_404_and_is_not_counted(client, media_root):
    stored = make_file(make_edition(make_publication()), language="fr")
    remove(stored.file, media_root)
    assert client.get(stored.get_absolute_url()).status_code == 404
    assert not DownloadCount.objects.exists()
