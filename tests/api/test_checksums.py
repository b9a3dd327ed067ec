"""Every downloadable file's SHA-256 is stored when the file is saved, on every path that
saves one, so that the open data can publish it without opening a file."""

import hashlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command

from core.migration_helpers import fill_sha256, forget_sha256
from initiatives.models import InitiativeDocument
from media_library.models import EditionFile, Infographic, InfographicArchive
from tests.factories import make_document, make_edition, make_file, make_infographic, make_publication

pytestmark = pytest.mark.django_db


def stored_sha256(stored_file):
    with stored_file.file.storage.open(stored_file.file.name, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def test_an_uploaded_file_records_the_sha256_of_its_stored_bytes(initiative, png_bytes):
    document = make_document(initiative)
    edition_file = make_file(make_edition(make_publication()), language="fr")
    image = make_file(make_edition(make_publication()), content=png_bytes, filename="card.png", alt_text="A")
    infographic = make_infographic()
    for stored in (document, edition_file, image, infographic):
        assert len(stored.sha256) == 64
        assert stored.sha256 == stored_sha256(stored), stored


def test_a_replaced_file_gets_the_new_files_sha256(initiative, pdf_bytes):
    document = make_document(initiative)
    before = document.sha256
    document.file = ContentFile(pdf_bytes, name="other.pdf")  # as a form's upload arrives
    document.save()
    assert document.sha256 != before
    assert document.sha256 == hashlib.sha256(pdf_bytes).hexdigest() == stored_sha256(document)


def test_the_infographics_zip_records_its_sha256():
    make_infographic()
    archive = InfographicArchive.current(build=True)
    assert archive.sha256 == stored_sha256(archive)


def test_the_data_migration_fills_older_files_and_its_reverse_empties_them(initiative):
    document = make_document(initiative)
    edition_file = make_file(make_edition(make_publication()))
    InitiativeDocument.objects.update(sha256="")
    EditionFile.objects.update(sha256="")
    fill_sha256(apps, "initiatives", ["InitiativeDocument"])
    fill_sha256(apps, "media_library", ["EditionFile"])
    document.refresh_from_db()
    edition_file.refresh_from_db()
    assert document.sha256 == stored_sha256(document)
    assert edition_file.sha256 == stored_sha256(edition_file)
    forget_sha256(apps, "initiatives", ["InitiativeDocument"])
    assert list(InitiativeDocument.objects.values_list("sha256", flat=True)) == [""]


def test_the_data_migration_leaves_a_missing_file_empty(initiative):
    document = make_document(initiative)
    document.file.storage.delete(document.file.name)
    InitiativeDocument.objects.update(sha256="")
    fill_sha256(apps, "initiatives", ["InitiativeDocument"])
    document.refresh_from_db()
    assert document.sha256 == ""


def test_the_content_loader_and_the_scale_generator_record_sha256(settings):
    call_command("load_legacy_content", verbosity=0)
    call_command(
        "generate_scale_content", verbosity=0, initiatives=2, films=1, publications=2, cities=1, seminars=1
    )
    for model in (InitiativeDocument, EditionFile, Infographic):
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            assert row.sha256 == stored_sha256(row), row
