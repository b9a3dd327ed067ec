"""Editors cannot publish through attached content: on a published item, its files, editions,
photos, sessions and partners wait for a publisher (here: they are read-only for editors)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Status
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


def add_file_form(data, prefix, **fields):
    data = {**data, f"{prefix}-TOTAL_FORMS": str(int(data.get(f"{prefix}-TOTAL_FORMS", 0)) + 1)}
    index = int(data[f"{prefix}-TOTAL_FORMS"]) - 1
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    return data


def test_an_editor_sees_a_published_items_files_read_only_with_a_reason(editor_client):
    initiative = make_initiative(category=make_category())
    make_document(initiative)
    response = editor_client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/")
    body = response.content.decode()
    assert "Ask a publisher to change them" in body
    assert 'name="documents-0-file"' not in body


def test_an_editors_forged_file_added_to_a_published_initiative_is_ignored(editor_client, pdf_bytes):
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
    editor_client.post(url, data)
    assert not InitiativeDocument.objects.exists()


def test_an_editors_forged_deletion_of_a_published_seminars_photo_and_partner_is_ignored(editor_client):
    seminar = make_seminar(slug="seminar")
    make_photo(seminar)
    take_part(seminar, make_city())
    url = f"/admin/seminars/seminar/{seminar.pk}/change/"
    data = form_values(editor_client, url)
    data.update({"photos-0-DELETE": "on", "participations-0-DELETE": "on"})
    editor_client.post(url, data)
    assert SeminarPhoto.objects.count() == 1
    assert Participation.objects.count() == 1


def test_a_publisher_can_change_a_published_items_files(publisher_client, pdf_bytes):
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


def test_an_editor_can_attach_files_to_a_draft(editor_client, pdf_bytes):
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


def test_an_editor_cannot_add_an_edition_to_a_published_publication(editor_client):
    published = make_publication()
    data = form_values(editor_client, "/admin/media_library/edition/add/")
    data.update({"publication": str(published.pk), "date_precision": "month", "position": "1"})
    response = editor_client.post("/admin/media_library/edition/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Edition.objects.exists()


@pytest.mark.parametrize("method", ["change", "delete"])
def test_an_editor_cannot_change_or_delete_an_edition_of_a_published_publication(editor_client, method):
    edition = make_edition(make_publication())
    make_file(edition, language="en")
    if method == "delete":
        response = editor_client.post(f"/admin/media_library/edition/{edition.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403
    else:
        url = f"/admin/media_library/edition/{edition.pk}/change/"
        response = editor_client.post(url, {"note_en": "Changed", "files-0-DELETE": "on"})
        assert response.status_code == 403
    assert Edition.objects.filter(pk=edition.pk).exists()
    assert EditionFile.objects.count() == 1
