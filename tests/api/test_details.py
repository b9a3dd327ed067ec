"""One item by its UUID: every kind, what a record holds, and what is never shown."""

import hashlib
import uuid

import pytest

from core.models import Status
from tests.admin_forms import form_values
from tests.api.conftest import KINDS
from tests.factories import future, make_category, make_initiative, make_video

pytestmark = pytest.mark.django_db


def detail(client, kind, identifier):
    return client.get(f"/api/v1/{kind}/{identifier}")


@pytest.mark.parametrize("kind", KINDS)
def test_a_live_item_answers_by_its_uuid_as_in_its_list(client, site, kind):
    response = detail(client, kind, site[kind].uuid)
    assert response.status_code == 200
    (listed,) = client.get(f"/api/v1/{kind}").json()["results"]
    assert response.json() == listed
    for field in (
        "content_id",
        "urls",
        "first_published_at",
        "public_updated_at",
        "updated_at",
        "translations",
    ):
        assert field in listed, field


@pytest.mark.parametrize("kind", KINDS)
def test_drafts_scheduled_unknown_and_malformed_identifiers_are_404_json(client, site, kind):
    model = type(site[kind])
    hidden = model.objects.exclude(pk__in=model.objects.live()).values_list("uuid", flat=True)
    assert len(hidden) >= 2  # a draft and a scheduled item of each kind
    for identifier in [*hidden, uuid.uuid4(), "not-a-uuid", "123"]:
        response = detail(client, kind, identifier)
        assert response.status_code == 404, identifier
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["status"] == 404


def test_an_initiative_under_a_draft_area_is_404(client, site):
    hidden = make_category(number=6, slug="draft-area", status=Status.DRAFT)
    initiative = make_initiative(category=hidden, number=30, slug="hidden-by-area")
    assert detail(client, "initiatives", initiative.uuid).status_code == 404
    scheduled = make_category(number=7, slug="scheduled-area-2", publish_at=future())
    initiative = make_initiative(category=scheduled, number=31, slug="hidden-by-schedule")
    assert detail(client, "initiatives", initiative.uuid).status_code == 404


def test_an_editors_pending_change_is_never_shown(client, editor_client, site):
    initiative = site["initiatives"]
    change_url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    data = form_values(editor_client, change_url)
    data["title_en"] = "Unpublished new title"
    assert editor_client.post(change_url, data).status_code == 302
    for url in ["/api/v1/initiatives", "/api/v1/initiatives.csv", f"/api/v1/initiatives/{initiative.uuid}"]:
        body = client.get(url).content.decode("utf-8-sig")
        assert "Utility poles" in body and "Unpublished new title" not in body, url


def test_an_initiative_record(client, site):
    initiative = site["initiatives"]
    record = detail(client, "initiatives", initiative.uuid).json()
    assert record["category"] == {"content_id": str(site["categories"].uuid), "slug": "safety"}
    assert record["videos"] == [{"content_id": str(site["videos"].uuid), "slug": "film"}]
    english, japanese = record["documents"]
    assert english["url"] == "http://testserver/en/initiatives/poles/document/en/"
    assert japanese["url"] == "http://testserver/ja/initiatives/poles/document/ja/"
    assert (japanese["language"], japanese["media_type"], japanese["format"]) == (
        "ja",
        "application/pdf",
        "PDF",
    )
    assert japanese["pages"] == 2 and japanese["size"] > 0 and japanese["sample"] is False
    assert client.get(english["url"].removeprefix("http://testserver")).status_code == 200


def test_a_files_sha256_is_that_of_the_bytes_it_downloads(client, site):
    publication = site["publications"]
    record = detail(client, "publications", publication.uuid).json()
    (edition,) = record["editions"]
    assert [f["language"] for f in edition["files"]] == ["en", "fr"]
    assert edition["note"]["en"] == "Reprinted edition" and edition["date"] == "2021-07"
    for described in edition["files"]:
        download = client.get(described["url"].removeprefix("http://testserver"))
        assert download.status_code == 200
        data = b"".join(download.streaming_content)
        assert described["sha256"] == hashlib.sha256(data).hexdigest()
        assert described["size"] == len(data)
    infographic = detail(client, "infographics", site["infographics"].uuid).json()
    original = client.get(infographic["file"]["url"].removeprefix("http://testserver"))
    assert infographic["file"]["sha256"] == hashlib.sha256(b"".join(original.streaming_content)).hexdigest()
    assert infographic["urls"]["fr"] == "http://testserver/fr/infographics/#chart"


def test_a_seminar_record_has_utc_sessions_programme_partners_and_photos(client, site):
    record = detail(client, "seminars", site["seminars"].uuid).json()
    assert record["sessions"] == [
        {
            "name": {"en": "Morning session", "ja": None, "fr": None, "zh-hans": None, "ko": None},
            "start": "2021-11-24T01:00:00Z",
            "end": "2021-11-24T03:35:00Z",
        }
    ]
    assert record["programme"][0]["text"]["en"] == "Video message by the Governor"
    assert record["participations"] == [
        {"city": {"content_id": str(site["cities"].uuid), "slug": "seoul"}, "role": "presenter"}
    ]
    (photo,) = record["photos"]
    assert photo["url"].startswith("http://testserver/media/") and (photo["width"], photo["height"]) == (
        120,
        80,
    )
    assert record["calendar_url"] == "http://testserver/en/seminars/seminar-2021/calendar.ics"


def test_a_city_record_lists_its_live_seminars(client, site):
    record = detail(client, "cities", site["cities"].uuid).json()
    assert record["name"]["ko"] == "서울" and record["latitude"] == 37.56
    assert record["seminars"] == [
        {"seminar": {"content_id": str(site["seminars"].uuid), "slug": "seminar-2021"}, "role": "presenter"}
    ]


def test_a_video_record(client, site):
    record = detail(client, "videos", site["videos"].uuid).json()
    assert record["video_url"] == "https://www.youtube.com/watch?v=abcdefghijk" and record["duration"] == 30
    assert record["thumbnail"]["width"] == 320
    draft = make_video(slug="unseen", status=Status.DRAFT)
    assert detail(client, "videos", draft.uuid).status_code == 404


def test_rendering_the_api_opens_no_file(client, site, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    opened = []
    original = FileSystemStorage._open

    def counting(self, name, mode="rb"):
        opened.append(name)
        return original(self, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", counting)
    for kind in KINDS:
        assert client.get(f"/api/v1/{kind}").status_code == 200
        assert client.get(f"/api/v1/{kind}.csv").status_code == 200
    assert opened == []
