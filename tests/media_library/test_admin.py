import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import DownloadCount, Status
from core.standins import standin_image
from initiatives.models import InitiativeVideo
from media_library.models import InfographicArchive, Publication, Video
from tests.admin_forms import form_values
from tests.factories import (
    make_edition,
    make_file,
    make_infographic,
    make_initiative,
    make_publication,
    make_video,
)

pytestmark = pytest.mark.django_db


def video_form(**fields):
    data = {
        "title_en": "FIND YOUR HERO",
        "slug": "find-your-hero",
        "position": "1",
        "status": Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
    }
    data.update(fields)
    return data


def test_video_admin_pages_load(publisher_client):
    video = make_video()
    assert publisher_client.get("/admin/media_library/video/").status_code == 200
    assert publisher_client.get("/admin/media_library/video/add/").status_code == 200
    assert publisher_client.get(f"/admin/media_library/video/{video.pk}/change/").status_code == 200


def test_video_admin_shows_the_initiatives_that_use_it(publisher_client, initiative):
    video = make_video()
    other = make_initiative(category=initiative.category, title_en="Para-sports")
    InitiativeVideo.objects.create(initiative=initiative, video=video)
    InitiativeVideo.objects.create(initiative=other, video=video)
    page = publisher_client.get(f"/admin/media_library/video/{video.pk}/change/").content.decode()
    assert f"/admin/initiatives/initiative/{initiative.pk}/change/" in page
    assert "Para-sports" in page
    listing = publisher_client.get("/admin/media_library/video/").content.decode()
    assert '<td class="field-used_by_count">2</td>' in listing


def test_editor_can_add_a_video_but_not_publish_it(editor_client):
    thumbnail = SimpleUploadedFile("hero.png", standin_image("FIND YOUR HERO", size=(320, 180)))
    response = editor_client.post(
        "/admin/media_library/video/add/", video_form(status=Status.PUBLISHED, thumbnail=thumbnail)
    )
    assert response.status_code == 302
    video = Video.objects.get(slug="find-your-hero")
    assert video.status == Status.DRAFT
    assert (video.thumbnail_width, video.thumbnail_height) == (320, 180)


def test_initiative_admin_edits_related_videos_in_order(publisher_client, initiative):
    video = make_video()
    page = publisher_client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/").content.decode()
    assert "video_links-TOTAL_FORMS" in page
    assert f"/admin/media_library/video/{video.pk}/change/" not in page


def test_publication_admin_shows_cover_thumbnails_and_edition_inline(publisher_client):
    publication = make_publication()
    make_edition(publication, note_en="Reprinted edition")
    listing = publisher_client.get("/admin/media_library/publication/").content.decode()
    assert publication.cover.url in listing
    page = publisher_client.get(f"/admin/media_library/publication/{publication.pk}/change/").content.decode()
    assert "editions-TOTAL_FORMS" in page
    assert 'value="Reprinted edition"' in page


def test_edition_admin_shows_each_files_facts_and_download_counts(publisher_client):
    edition = make_edition(make_publication())
    stored = make_file(edition, language="fr")
    DownloadCount.record(stored)
    DownloadCount.record(stored, day=datetime.date(2020, 1, 1))
    page = publisher_client.get(f"/admin/media_library/edition/{edition.pk}/change/").content.decode()
    assert "PDF, " in page
    assert "French, 2 pages" in page
    assert "2 / 1" in page


def test_editor_may_edit_editions_but_not_publish_publications(editor_client):
    publication = make_publication(status=Status.DRAFT)
    edition = make_edition(publication)
    assert editor_client.get(f"/admin/media_library/edition/{edition.pk}/change/").status_code == 200
    page = editor_client.get(f"/admin/media_library/publication/{publication.pk}/change/").content.decode()
    assert 'name="status"' not in page


def test_infographic_admin_shows_a_rendition_thumbnail_and_download_counts(publisher_client):
    infographic = make_infographic(size=(600, 850))
    DownloadCount.record(infographic)
    smallest = infographic.renditions.get(format="jpeg", width=480)
    listing = publisher_client.get("/admin/media_library/infographic/").content.decode()
    assert smallest.file.url in listing
    assert '<td class="field-download_counts">1 / 1</td>' in listing
    page = publisher_client.get(f"/admin/media_library/infographic/{infographic.pk}/change/").content.decode()
    assert "PNG, " in page
    assert "600 × 850" in page


def test_zip_admin_is_read_only_with_download_counts(publisher_client):
    make_infographic()
    archive = InfographicArchive.current(build=True)
    DownloadCount.record(archive)
    listing = publisher_client.get("/admin/media_library/infographicarchive/").content.decode()
    assert '<td class="field-download_counts">1 / 1</td>' in listing
    assert publisher_client.get("/admin/media_library/infographicarchive/add/").status_code == 403
    page = publisher_client.get(f"/admin/media_library/infographicarchive/{archive.pk}/change/")
    assert page.status_code == 200
    assert 'name="fingerprint"' not in page.content.decode()


def message_card_form(client, **fields):
    data = form_values(client, "/admin/media_library/publication/add/")
    cover = SimpleUploadedFile("card.png", standin_image("#ARIGATO", size=(400, 300)))
    data.update(
        {"title_en": "#ARIGATO message card", "slug": "arigato-card", "kind": "message_card", "cover": cover}
    )
    data.update(fields)
    return data


def test_a_message_card_without_a_text_alternative_is_refused_beside_its_field(publisher_client):
    """The cover's text alternative is on the form, so the refusal is shown beside it (it
    was once raised for a field the form lacked, which is a server error)."""
    response = publisher_client.post(
        "/admin/media_library/publication/add/", message_card_form(publisher_client)
    )
    assert response.status_code == 200
    assert "say what it says" in response.context["adminform"].form.errors["cover_alt_text_en"][0]
    assert not Publication.objects.filter(slug="arigato-card").exists()


def test_a_message_card_saved_with_its_accessibility_details(publisher_client):
    data = message_card_form(
        publisher_client,
        cover_alt_text_en="A card that says Thank you in many languages.",
        accessible_format_email="accessible@example.org",
        accessible_format_phone="03-5388-2238",
    )
    response = publisher_client.post("/admin/media_library/publication/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    card = Publication.objects.get(slug="arigato-card")
    assert card.cover_alt_text_en == "A card that says Thank you in many languages."
    assert (card.accessible_format_email, card.accessible_format_phone) == (
        "accessible@example.org",
        "03-5388-2238",
    )


def test_an_infographics_text_version_is_edited_in_the_admin(publisher_client):
    infographic = make_infographic()
    url = f"/admin/media_library/infographic/{infographic.pk}/change/"
    data = form_values(publisher_client, url)
    assert "text_version_en" in data and "text_version_ja" in data
    data["text_version_en"] = "Three in five residents took part in a sport."
    response = publisher_client.post(url, data)
    assert response.status_code == 302
    infographic.refresh_from_db()
    assert infographic.text_version_en == "Three in five residents took part in a sport."
