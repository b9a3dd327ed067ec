"""Media on S3-compatible object storage: pages, CSP, /media/, counted downloads, the ZIP.

Every test runs against moto's S3 server (see conftest.py), most in both configurations:
a public bucket behind a custom domain, and a private bucket with signed URLs.
"""

import datetime
import io
import shutil
import time
import zipfile
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import botocore.endpoint
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from core.downloads import attachment_disposition
from core.files import JPEG, PNG, WEBP, sniff
from core.models import DownloadCount, Status
from core.standins import standin_image
from media_library.models import Infographic, InfographicArchive, InfographicRendition, Video
from media_library.models.publications import PublicationKind
from seminars.models import SeminarPhoto
from tests.admin_forms import form_values
from tests.core.test_privacy import assert_clean, camera_photo
from tests.factories import (
    make_edition,
    make_file,
    make_infographic,
    make_photo,
    make_publication,
    make_seminar,
    make_video,
)
from tests.storage.conftest import CUSTOM_DOMAIN

pytestmark = pytest.mark.django_db

FRENCH_TITLE = "Après les Jeux, leur héritage"


class _Images(HTMLParser):
    """Every image address a page makes a browser load: <img src/srcset>, <source srcset>."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag in ("img", "source") and attrs.get("srcset"):
            self.urls += [candidate.split()[0] for candidate in attrs["srcset"].split(",")]


def image_urls(response):
    parser = _Images()
    parser.feed(response.content.decode())
    return parser.urls


def img_sources(response):
    """The img-src sources of the response's Content-Security-Policy."""
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        if name == "img-src":
            return sources
    raise AssertionError("no img-src")


def allowed_by(url, sources):
    """Whether a CSP source list (scheme://host[:port] sources and 'self') allows `url`."""
    parts = urlsplit(url)
    if not parts.netloc or parts.netloc == "testserver":
        return "'self'" in sources
    return f"{parts.scheme}://{parts.netloc}" in sources


def follow(client, url):
    """The addresses a browser visits to load the image at `url`: the page's, then any redirect's."""
    visited = [url]
    if not urlsplit(url).netloc:
        response = client.get(url)
        assert response.status_code == 302, (url, response.status_code)
        visited.append(response["Location"])
    return visited


def showcase():
    """One live item of every kind whose image a public page shows."""
    video = make_video(
        title_en="FIND YOUR HERO", url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", featured=True
    )
    publication = make_publication(title_en="Building the Legacy")
    make_file(make_edition(publication), language="fr", title=FRENCH_TITLE)
    card = make_publication(title_en="#ARIGATO message card", kind=PublicationKind.MESSAGE_CARD)
    infographic = make_infographic(title_en="Volunteers")
    seminar = make_seminar(slug="seminar-2021")
    make_photo(seminar)
    return {
        "video": video,
        "publication": publication,
        "card": card,
        "infographic": infographic,
        "seminar": seminar,
    }


def public_pages(site):
    return [
        "/en/",
        "/en/videos/",
        f"/en/videos/{site['video'].slug}/",
        "/en/publications/",
        f"/en/publications/{site['publication'].slug}/",
        f"/en/publications/{site['card'].slug}/",
        "/en/infographics/",
        f"/en/seminars/{site['seminar'].slug}/",
    ]


def test_every_image_on_public_pages_is_allowed_by_the_csp_and_loads_from_the_bucket(client, bucket):
    site = showcase()
    seen = set()
    for page in public_pages(site):
        response = client.get(page)
        assert response.status_code == 200, page
        sources = img_sources(response)
        urls = image_urls(response)
        assert urls, f"no image on {page}"
        for url in urls:
            visited = follow(client, url)
            for address in visited:
                assert allowed_by(address, sources), f"{page}: {address} is not allowed by img-src {sources}"
            status, _headers, data = bucket.fetch(visited[-1])
            assert status == 200, (page, visited)
            assert sniff(data[:16]) in (PNG, JPEG, WEBP), (page, visited)
            seen.add(bucket.key_of(visited[-1]))
    # Thumbnail, covers, renditions (both formats) and photo: all from the bucket.
    assert {key.split("/")[0] for key in seen} == {"videos", "publications", "infographics", "seminars"}
    assert any(key.endswith(".webp") for key in seen)


def test_rendering_pages_asks_the_bucket_nothing(client, bucket, monkeypatch):
    site = showcase()
    assert (site["video"].thumbnail_width, site["video"].thumbnail_height) == (320, 180)
    assert (site["card"].cover_width, site["card"].cover_height) == (300, 424)
    requests = []
    send = botocore.endpoint.Endpoint._send

    def counting_send(self, request):
        requests.append(f"{request.method} {request.url}")
        return send(self, request)

    monkeypatch.setattr(botocore.endpoint.Endpoint, "_send", counting_send)
    for page in public_pages(site):
        assert client.get(page).status_code == 200
    assert requests == []


def test_a_public_bucket_is_linked_directly_by_its_custom_domain_unsigned(client, public_bucket):
    site = showcase()
    html = client.get("/en/").content.decode()
    thumbnail = f"https://{CUSTOM_DOMAIN}/{site['video'].thumbnail.name}"
    assert f'src="{thumbnail}"' in html
    for url in image_urls(client.get("/en/")):
        assert urlsplit(url).netloc == CUSTOM_DOMAIN and not urlsplit(url).query, url
    assert f"https://{CUSTOM_DOMAIN}" in img_sources(client.get("/en/"))


def test_a_private_buckets_pages_hold_no_signed_url(client, private_bucket):
    site = showcase()
    for page in public_pages(site):
        html = client.get(page).content.decode()
        for marker in ("Signature=", "X-Amz-", "Expires=", private_bucket.endpoint):
            assert marker not in html, (page, marker)
    for url in image_urls(client.get("/en/")):
        assert url.startswith("/media/"), url


def signature_expires_at(url):
    """When a signed URL stops working (SigV2 `Expires`, or SigV4 date + `X-Amz-Expires`)."""
    query = {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
    if "Expires" in query:
        return int(query["Expires"])
    signed = datetime.datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
    return int(signed.timestamp()) + int(query["X-Amz-Expires"])


def test_media_redirects_to_a_url_signed_now_that_outlives_the_browsers_copy(client, private_bucket):
    video = make_video()
    before = time.time()
    response = client.get(video.thumbnail.url)
    assert response.status_code == 302
    max_age = default_storage.redirect_max_age
    assert response["Cache-Control"] == f"private, max-age={max_age}"
    assert 0 < max_age <= default_storage.querystring_expire // 10
    # Followed at the last moment the browser may reuse the redirect, the URL has most of its life left.
    life_left = signature_expires_at(response["Location"]) - (before + max_age)
    assert life_left >= 0.8 * default_storage.querystring_expire
    status, _headers, data = private_bucket.fetch(response["Location"])
    assert status == 200 and data == private_bucket.read(video.thumbnail.name)
    # The bucket itself refuses a visitor without a signature.
    unsigned = response["Location"].split("?")[0]
    assert private_bucket.fetch(unsigned)[0] == 403


def test_media_redirect_follows_the_same_rules_as_the_local_disk(client, editor_client, bucket, pdf_bytes):
    live = make_video()
    draft = make_video(status=Status.DRAFT)
    publication = make_publication()
    document = make_file(make_edition(publication), content=pdf_bytes)
    media = "/media/"
    assert client.get(f"{media}{live.thumbnail.name}").status_code == 302
    # A draft's image and any document: 404 for visitors, who get documents only counted.
    assert client.get(f"{media}{draft.thumbnail.name}").status_code == 404
    assert client.get(f"{media}{document.file.name}").status_code == 404
    assert client.get(f"{media}../{live.thumbnail.name}").status_code == 404
    # Staff who may change content open any stored file, never cached.
    for name in (draft.thumbnail.name, document.file.name):
        response = editor_client.get(f"{media}{name}")
        assert response.status_code == 302
        assert response["Cache-Control"] == "private, no-store"
        assert bucket.fetch(response["Location"])[0] == 200
    assert editor_client.get(f"{media}videos/missing.png").status_code == 404


def count_of(obj):
    rows = DownloadCount.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
    )
    return sum(rows.values_list("count", flat=True))


@pytest.fixture
def french_file(pdf_bytes):
    publication = make_publication(slug="building-the-legacy", title_en="Building the Legacy – Beyond 2020 –")
    return make_file(make_edition(publication), language="fr", title=FRENCH_TITLE, content=pdf_bytes)


def test_a_download_is_counted_once_then_redirected_to_the_file_in_the_bucket(
    client, bucket, french_file, pdf_bytes
):
    response = client.get(french_file.get_absolute_url())
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    assert count_of(french_file) == 1
    location = response["Location"]
    assert bucket.key_of(location) == french_file.file.name
    status, headers, data = bucket.fetch(location)
    assert (status, data) == (200, pdf_bytes)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Length"] == str(len(pdf_bytes))
    if bucket.mode == "public":
        assert location == f"https://{CUSTOM_DOMAIN}/{quote(french_file.file.name)}"
    else:
        # The signed URL makes the bucket send the portal's name for the file.
        assert headers["Content-Disposition"] == attachment_disposition(french_file.download_filename)
        assert "filename*=utf-8''Apr%C3%A8s%20les%20Jeux" in headers["Content-Disposition"]
    # Following the redirect is not a second download; the next visit is.
    assert count_of(french_file) == 1
    client.get(french_file.get_absolute_url())
    assert count_of(french_file) == 2


def test_a_head_request_is_redirected_but_not_counted(client, bucket, french_file):
    assert client.head(french_file.get_absolute_url()).status_code == 302
    assert count_of(french_file) == 0


def test_a_file_missing_from_the_bucket_is_the_404_page_and_not_counted(client, bucket, french_file):
    bucket.delete(french_file.file.name)
    response = client.get(french_file.get_absolute_url())
    assert response.status_code == 404
    assert "<h1" in response.content.decode()  # the site's own page
    assert count_of(french_file) == 0


def test_a_drafts_file_is_404_without_counting(client, bucket, pdf_bytes):
    draft = make_publication(status=Status.DRAFT)
    stored = make_file(make_edition(draft), content=pdf_bytes)
    assert client.get(stored.get_absolute_url()).status_code == 404
    assert count_of(stored) == 0


def test_an_infographic_original_download_redirects_to_the_original(client, bucket):
    infographic = make_infographic()
    response = client.get(infographic.get_download_url())
    assert response.status_code == 302
    assert count_of(infographic) == 1
    status, _headers, data = bucket.fetch(response["Location"])
    assert status == 200 and data == bucket.read(infographic.file.name)


def test_the_zip_of_all_infographics_is_built_in_the_bucket_and_readable_from_it(client, bucket):
    first, second = make_infographic(title_en="Volunteers"), make_infographic(title_en="Transport")
    response = client.get("/en/infographics/all.zip")
    assert response.status_code == 302
    key = bucket.key_of(response["Location"])
    assert key.startswith("infographics/archives/") and key in bucket.stored_keys()
    status, _headers, data = bucket.fetch(response["Location"])
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names[-1] == "README.txt"
        assert [archive.read(name) for name in names[:-1]] == [
            bucket.read(first.file.name),
            bucket.read(second.file.name),
        ]
        assert "Volunteers" in archive.read("README.txt").decode()
    assert count_of(InfographicArchive.objects.get()) == 1


def test_uploads_through_the_admin_go_to_the_bucket_with_their_facts(publisher_client, bucket):
    image = standin_image("FIND YOUR HERO", size=(640, 360))
    response = publisher_client.post(
        "/admin/media_library/video/add/",
        {
            "title_en": "FIND YOUR HERO",
            "slug": "find-your-hero",
            "position": "1",
            "status": Status.PUBLISHED,
            "thumbnail": SimpleUploadedFile("find-your-hero.png", image),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    video = Video.objects.get()
    assert (video.thumbnail_width, video.thumbnail_height) == (640, 360)
    assert video.thumbnail.name in bucket.stored_keys()
    assert sniff(bucket.read(video.thumbnail.name)[:16]) == PNG

    response = publisher_client.post(
        "/admin/media_library/infographic/add/",
        {
            "title_en": "Volunteers",
            "alt_text_en": "Volunteers by year.",
            "slug": "volunteers",
            "position": "1",
            "status": Status.PUBLISHED,
            "file": SimpleUploadedFile("volunteers.png", standin_image("Volunteers", size=(1000, 700))),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    infographic = Infographic.objects.get()
    assert (infographic.width, infographic.height, infographic.mime_type) == (1000, 700, PNG)
    renditions = InfographicRendition.objects.filter(infographic=infographic)
    assert renditions.count() == 6  # 480, 960 and 1000 px, in WebP and JPEG
    assert {r.file.name for r in renditions} <= bucket.stored_keys()


def test_a_photo_is_stored_in_the_bucket_upright_and_without_its_position(publisher_client, bucket):
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
    assert publisher_client.post(url, data).status_code == 302
    photo = SeminarPhoto.objects.get()
    assert_clean(bucket.read(photo.image.name))
    assert (photo.width, photo.height) == (80, 120)


def test_the_disk_space_check_asks_no_disk_with_object_storage(publisher_client, bucket, monkeypatch):
    def no_disk(path):
        raise AssertionError(f"disk_usage({path}) with object storage")

    monkeypatch.setattr(shutil, "disk_usage", no_disk)
    response = publisher_client.post(
        "/admin/media_library/video/add/",
        {
            "title_en": "Video",
            "slug": "video",
            "position": "1",
            "status": Status.DRAFT,
            "thumbnail": SimpleUploadedFile("video.png", standin_image("Video", size=(320, 180))),
        },
    )
    assert response.status_code == 302
    assert Video.objects.get().thumbnail.name in bucket.stored_keys()


def test_a_replaced_image_is_deleted_from_the_bucket_once_committed(
    bucket, django_capture_on_commit_callbacks
):
    video = make_video()
    old = video.thumbnail.name
    with django_capture_on_commit_callbacks(execute=True):
        video.thumbnail.save("new.png", ContentFile(standin_image("New", size=(320, 180))))
    assert old not in bucket.stored_keys()
    assert video.thumbnail.name in bucket.stored_keys()


def test_the_admin_policy_allows_the_buckets_images_too(publisher_client, bucket):
    video = make_video()
    response = publisher_client.get(f"/admin/media_library/video/{video.pk}/change/")
    assert response.status_code == 200
    sources = img_sources(response)
    for address in follow(publisher_client, video.thumbnail.url):
        assert allowed_by(address, sources), (address, sources)
