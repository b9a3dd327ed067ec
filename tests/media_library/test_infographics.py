"""Infographics: renditions made once and served only for live ones; the ZIP of all."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from core.models import Status
from media_library.models import Infographic, InfographicArchive, InfographicRendition
from media_library.models import infographics as infographics_module
from media_library.models.infographics import rendition_widths
from tests.factories import make_infographic

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def stored_names(media_root):
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("width", "widths"), [(2400, [480, 960, 1440]), (1200, [480, 960, 1200]), (300, [300]), (960, [480, 960])]
)
def test_rendition_widths_never_upscale(width, widths):
    assert rendition_widths(width) == widths


def test_a_new_original_gets_webp_and_jpeg_renditions_in_storage():
    infographic = make_infographic(size=(1200, 1700))
    renditions = list(infographic.renditions.order_by("format", "width"))
    assert [(r.format, r.width, r.height) for r in renditions] == [
        ("jpeg", 480, 680),
        ("jpeg", 960, 1360),
        ("jpeg", 1200, 1700),
        ("webp", 480, 680),
        ("webp", 960, 1360),
        ("webp", 1200, 1700),
    ]
    for rendition in renditions:
        with default_storage.open(rendition.file.name) as fh, Image.open(fh) as image:
            assert (image.format, image.size) == (
                rendition.format.upper(),
                (rendition.width, rendition.height),
            )


def test_saving_without_a_new_original_keeps_the_renditions():
    infographic = make_infographic()
    before = list(infographic.renditions.values_list("pk", flat=True))
    infographic.title_en = "A new title"
    infographic.save()
    assert list(infographic.renditions.values_list("pk", flat=True)) == before


def test_a_replaced_original_replaces_the_renditions_and_their_files(django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from core.standins import standin_image

    infographic = make_infographic(size=(1200, 1700))
    old_files = [r.file.name for r in infographic.renditions.all()]
    with django_capture_on_commit_callbacks(execute=True):
        infographic.file.save("new.png", ContentFile(standin_image("New", size=(800, 600))), save=False)
        infographic.save()
    assert sorted(infographic.renditions.filter(format="jpeg").values_list("width", flat=True)) == [480, 800]
    assert not any(default_storage.exists(name) for name in old_files)


def test_pages_never_make_renditions(client, media_root, monkeypatch):
    infographic = make_infographic(size=(600, 850))
    files_before = stored_names(media_root)

    def refuse(*args, **kwargs):
        raise AssertionError("a request tried to make renditions")

    monkeypatch.setattr(Infographic, "make_renditions", refuse)
    monkeypatch.setattr(infographics_module.Image, "open", refuse)
    for _ in range(2):
        assert client.get("/en/infographics/").status_code == 200
        rendition = infographic.renditions.get(format="webp", width=480)
        assert client.get(rendition.file.url).status_code == 200
    assert stored_names(media_root) == files_before
    assert InfographicRendition.objects.count() == 4


def test_live_infographics_renditions_are_served_as_images(client):
    rendition = make_infographic(size=(600, 850)).renditions.get(format="webp", width=480)
    response = client.get(rendition.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]


def test_draft_infographics_renditions_are_not_served(client):
    rendition = make_infographic(status=Status.DRAFT).renditions.first()
    assert client.get(rendition.file.url).status_code == 404


def test_originals_are_not_served_outside_the_counted_download(client):
    infographic = make_infographic()
    assert client.get(infographic.file.url).status_code == 404


def test_infographic_list_shows_pictures_with_alt_text_srcset_and_size(client):
    for n in range(3):
        make_infographic(
            title_en=f"Building the Legacy, image {n + 1}",
            alt_text_en=f"Facts of image {n + 1}.",
            size=(1200, 1700),
        )
    make_infographic(title_en="A draft image", status=Status.DRAFT)
    page = client.get("/en/infographics/").content.decode()
    assert page.count("<picture>") == 3
    assert page.count('<source type="image/webp" srcset="/media/infographics/renditions/') == 3
    for n in range(1, 4):
        assert f'alt="Facts of image {n}."' in page
    assert (
        'sizes="(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw" width="960" height="1360"' in page
    )
    assert "A draft image" not in page
    assert "Download all 3 infographics" in page


def test_alt_text_shown_in_another_language_says_so(client):
    make_infographic(alt_text_en="Nine areas of the legacy.")
    page = client.get("/ja/infographics/").content.decode()
    assert 'alt="Nine areas of the legacy." lang="en"' in page


def test_original_download_is_counted_and_named(client):
    from tests.media_library.test_downloads import count_of

    infographic = make_infographic(title_en="Building the Legacy – Beyond 2020 – 1")
    response = client.get(infographic.get_download_url())
    assert body(response) == default_storage.open(infographic.file.name).read()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Length"] == str(infographic.size)
    assert (
        "filename*=utf-8''Building%20the%20Legacy%20%E2%80%93%20Beyond%202020%20%E2%80%93%201.png"
        in (response["Content-Disposition"])
    )
    assert count_of(infographic) == (1, 1)


def test_draft_infographics_original_is_404(client):
    assert client.get(make_infographic(status=Status.DRAFT).get_download_url()).status_code == 404


def test_zip_holds_every_live_infographic_and_a_text_description(client):
    live = [make_infographic(alt_text_en=f"Text {n}.") for n in range(3)]
    make_infographic(status=Status.DRAFT, slug="draft-one")
    response = client.get("/en/infographics/all.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="Tokyo 2020 legacy infographics (3 images).zip"'
    )
    content = body(response)
    assert response["Content-Length"] == str(len(content))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        images = [name for name in names if name.endswith(".png")]
        assert images == [f"{n:02d}-{i.slug}.png" for n, i in enumerate(live, 1)]
        for name in images:
            with Image.open(io.BytesIO(archive.read(name))) as image:
                image.verify()
        readme = archive.read("README.txt").decode()
    assert "draft-one" not in " ".join(names)
    assert "Text 2." in readme


def test_zip_is_built_once_per_set_of_live_infographics(client, monkeypatch):
    make_infographic()
    body(client.get("/en/infographics/all.zip"))

    def refuse(*args, **kwargs):
        raise AssertionError("the ZIP was built again")

    monkeypatch.setattr(infographics_module, "write_archive", refuse)
    assert client.get("/en/infographics/all.zip").status_code == 200
    assert InfographicArchive.objects.count() == 1


def test_zip_is_rebuilt_when_the_set_changes_and_the_old_file_goes(client):
    first = make_infographic()
    body(client.get("/en/infographics/all.zip"))
    old = InfographicArchive.objects.get()
    old_name = old.file.name
    make_infographic()
    body(client.get("/en/infographics/all.zip"))
    old.refresh_from_db()
    assert not old.is_current
    assert not default_storage.exists(old_name)
    current = InfographicArchive.current()
    assert current.image_count == 2
    first.status = Status.DRAFT
    first.save()
    body(client.get("/en/infographics/all.zip"))
    assert InfographicArchive.current().image_count == 1


def test_zip_is_404_when_no_infographic_is_live(client):
    make_infographic(status=Status.DRAFT)
    assert client.get("/en/infographics/all.zip").status_code == 404


def test_zip_is_written_chunk_by_chunk_without_holding_the_images(monkeypatch):
    """Each original is copied in chunks; the archive goes to a temporary file, not memory."""
    infographics = [make_infographic(size=(200, 150)) for _ in range(3)]
    big = 8 * 1024 * 1024
    for infographic in infographics:
        # Large originals (the ZIP does not care what they hold), written straight to storage.
        default_storage.delete(infographic.file.name)
        default_storage.save(infographic.file.name, io.BytesIO(bytes(big)))
    reads = []
    real_open = default_storage.open

    class CountingFile:
        def __init__(self, fh):
            self.fh = fh

        def read(self, size=-1):
            reads.append(size)
            return self.fh.read(size)

        def __getattr__(self, name):
            return getattr(self.fh, name)

    def spying_open(name, mode="rb"):
        return CountingFile(real_open(name, mode))

    monkeypatch.setattr(default_storage, "open", spying_open)
    tracemalloc.start()
    try:
        archive = InfographicArchive.current(build=True)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reads and all(0 < size <= infographics_module.COPY_CHUNK for size in reads)
    assert peak < big
    assert archive.size > 3 * big


def test_renditions_and_zip_need_no_local_paths(client, settings):
    # In-memory storage has no paths: anything that used MEDIA_ROOT or .path would fail.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    make_infographic(size=(600, 850))
    response = client.get("/en/infographics/all.zip")
    with zipfile.ZipFile(io.BytesIO(body(response))) as archive:
        assert len(archive.namelist()) == 2
    assert InfographicRendition.objects.count() == 4


def test_an_infographic_links_its_live_category_only(client, category):
    from tests.factories import make_category

    make_infographic(category=category)
    make_infographic(category=make_category(title_en="Draft area", status=Status.DRAFT))
    page = client.get("/en/infographics/").content.decode()
    assert f'<a href="{category.get_absolute_url()}">Safety and Security</a>' in page
    assert "Draft area" not in page
