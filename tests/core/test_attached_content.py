"""Editors cannot publish through attached content: on a published item, an editor's added,
replaced or removed files, editions, photos, sessions and partners wait for a publisher as
unpublished changes, like any other change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import workflow
from core.models import PendingChange, Status
from initiatives.models import InitiativeDocument
from media_library.models import Edition, EditionFile
from seminars.models import Participation, SeminarPhoto
from tests.admin_forms import form_values
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
    take_part,
)

pytestmark = pytest.mark.django_db


def test_an_editors_file_added_to_a_published_initiative_waits_for_a_publisher(
    editor_client, client, publisher, pdf_bytes
):
    initiative = make_initiative(category=make_category())
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    data = form_values(editor_client, url)
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-language": "fr",
            "documents-0-file": SimpleUploadedFile("doc.pdf", pdf_bytes, "application/pdf"),
        }
    )
    assert editor_client.post(url, data).status_code == 302
    assert not InitiativeDocument.objects.exists()
    assert client.get(f"/en/initiatives/{initiative.slug}/document/fr/").status_code == 404
    assert PendingChange.objects.count() == 1
    workflow.approve(initiative, publisher)
    document = InitiativeDocument.objects.get()
    assert document.language == "fr"
    assert client.get(document.get_absolute_url()).status_code == 200


def test_an_editors_deletion_of_a_published_seminars_photo_and_partner_waits(editor_client, publisher):
    seminar = make_seminar(slug="seminar")
    make_photo(seminar)
    take_part(seminar, make_city())
    url = f"/admin/seminars/seminar/{seminar.pk}/change/"
    data = form_values(editor_client, url)
    data.update({"photos-0-DELETE": "on", "participations-0-DELETE": "on"})
    assert editor_client.post(url, data).status_code == 302
    assert SeminarPhoto.objects.count() == 1
    assert Participation.objects.count() == 1
    workflow.approve(seminar, publisher)
    assert SeminarPhoto.objects.count() == 0
    assert Participation.objects.count() == 0


def test_a_publisher_changes_a_published_items_files_directly(publisher_client, pdf_bytes):
    initiative = make_initiative(category=make_category())
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    data = form_values(publisher_client, url)
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-language": "fr",
            "documents-0-file": SimpleUploadedFile("doc.pdf", pdf_bytes, "application/pdf"),
        }
    )
    assert publisher_client.post(url, data).status_code == 302
    assert InitiativeDocument.objects.get().language == "fr"
    assert not PendingChange.objects.exists()


def test_an_editor_attaches_files_to_a_draft_directly(editor_client, pdf_bytes):
    initiative = make_initiative(category=make_category(), status=Status.DRAFT)
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    data = form_values(editor_client, url)
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-language": "fr",
            "documents-0-file": SimpleUploadedFile("doc.pdf", pdf_bytes, "application/pdf"),
        }
    )
    assert editor_client.post(url, data).status_code == 302
    assert InitiativeDocument.objects.count() == 1


def test_a_forged_post_cannot_move_an_edition_to_a_published_publication(editor_client):
    draft = make_publication(status=Status.DRAFT)
    published = make_publication()
    edition = make_edition(draft)
    url = f"/admin/media_library/edition/{edition.pk}/change/"
    data = form_values(editor_client, url)
    data["publication"] = str(published.pk)
    editor_client.post(url, data)
    assert Edition.objects.get(pk=edition.pk).publication == draft


def test_an_editor_cannot_add_an_edition_to_a_published_publication_from_the_edition_page(editor_client):
    published = make_publication()
    data = form_values(editor_client, "/admin/media_library/edition/add/")
    data.update({"publication": str(published.pk), "date_precision": "month", "position": "1"})
    response = editor_client.post("/admin/media_library/edition/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Edition.objects.exists()


def test_an_editors_change_to_an_edition_of_a_published_publication_waits(editor_client, client, publisher):
    publication = make_publication(slug="booklet")
    edition = make_edition(publication, note_en="First printing")
    make_file(edition, language="en")
    url = f"/admin/media_library/edition/{edition.pk}/change/"
    data = form_values(editor_client, url)
    data.update({"note_en": "Reprinted edition", "files-0-DELETE": "on"})
    assert editor_client.post(url, data).status_code == 302
    assert Edition.objects.get(pk=edition.pk).note_en == "First printing"
    assert EditionFile.objects.count() == 1
    assert "First printing" in client.get("/en/publications/booklet/").content.decode()
    workflow.approve(publication, publisher)
    assert Edition.objects.get(pk=edition.pk).note_en == "Reprinted edition"
    assert EditionFile.objects.count() == 0


def test_an_editor_cannot_delete_an_edition_of_a_published_publication(editor_client):
    edition = make_edition(make_publication())
    response = editor_client.post(f"/admin/media_library/edition/{edition.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Edition.objects.filter(pk=edition.pk).exists()


def test_an_editors_document_on_a_published_initiative_is_not_downloadable_before_approval(
    editor_client, client
):
    initiative = make_initiative(category=make_category())
    make_document(initiative, language="en")
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    data = form_values(editor_client, url)
    data["documents-0-language"] = "ja"
    editor_client.post(url, data)
    assert client.get(f"/en/initiatives/{initiative.slug}/document/ja/").status_code == 404
    assert client.get(f"/en/initiatives/{initiative.slug}/document/en/").status_code == 200


def test_a_replaced_file_is_removed_from_storage_once_saved(publisher_client, media_root, png_bytes,
                                                            django_capture_on_commit_callbacks):  # fmt: skip
    category = make_category()
    url = f"/admin/categories/category/{category.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        data = form_values(publisher_client, url)
        data["icon"] = SimpleUploadedFile("first.png", png_bytes, "image/png")
        publisher_client.post(url, data)
    first = category.__class__.objects.get(pk=category.pk).icon.name
    with django_capture_on_commit_callbacks(execute=True):
        data = form_values(publisher_client, url)
        data["icon"] = SimpleUploadedFile("second.png", png_bytes, "image/png")
        publisher_client.post(url, data)
    assert not (media_root / first).exists()
    assert (media_root / category.__class__.objects.get(pk=category.pk).icon.name).exists()


def test_an_unpublished_changes_new_file_is_kept_until_approval_and_removed_if_discarded(
    editor_client, publisher, media_root, pdf_bytes, django_capture_on_commit_callbacks
):
    initiative = make_initiative(category=make_category())
    live = make_document(initiative, language="en")
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        data = form_values(editor_client, url)
        data["documents-0-file"] = SimpleUploadedFile("new.pdf", pdf_bytes, "application/pdf")
        editor_client.post(url, data)
    pending_file = next(
        p for p in (media_root / "initiatives").iterdir() if p.name != live.file.name.split("/")[-1]
    )
    assert (media_root / live.file.name).exists()
    assert pending_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.discard(initiative, publisher)
    assert not pending_file.exists()
    assert (media_root / live.file.name).exists()
