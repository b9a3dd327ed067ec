import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Status
from initiatives.models import Initiative, InitiativeDocument
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

LANGS = ["en", "ja", "fr", "zh_hans", "ko"]


def form_data(category, *, status="draft", documents=(), **overrides):
    data = {
        "number": 7,
        "slug": "new-initiative",
        "category": category.pk,
        "as_of": "",
        "status": status,
        "publish_at_0": "",
        "publish_at_1": "",
        "documents-TOTAL_FORMS": str(len(documents)),
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "video_links-TOTAL_FORMS": "0",
        "video_links-INITIAL_FORMS": "0",
        "video_links-MIN_NUM_FORMS": "0",
        "video_links-MAX_NUM_FORMS": "1000",
    }
    for lang in LANGS:
        data[f"title_{lang}"] = "New initiative" if lang == "en" else ""
        data[f"summary_{lang}"] = ""
        data[f"body_{lang}"] = ""
    for i, (language, upload) in enumerate(documents):
        data[f"documents-{i}-language"] = language
        data[f"documents-{i}-file"] = upload
    data.update(overrides)
    return data


def test_admin_pages_load_for_an_editor(editor_client, initiative):
    assert editor_client.get("/admin/initiatives/initiative/").status_code == 200
    assert editor_client.get("/admin/initiatives/initiative/add/").status_code == 200
    assert editor_client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/").status_code == 200


def test_admin_list_shows_number_status_and_translation_completeness(publisher_client, initiative):
    body = publisher_client.get("/admin/initiatives/initiative/").content.decode()
    assert "column-number" in body
    assert "column-status_label" in body
    assert "column-translations_column" in body
    # The fixture's initiative has an English title, summary and no body; Japanese nothing.
    assert (
        '<span class="translation-complete" title="English: 2 of 2 texts translated">EN&nbsp;2/2</span>'
        in body
    )
    assert (
        '<span class="translation-missing" title="Japanese: 0 of 2 texts translated">JA&nbsp;0/2</span>'
        in body
    )


def test_admin_search_finds_an_initiative_by_its_japanese_title(publisher_client, category):
    make_initiative(category=category, number=2, title_en="Another")
    make_initiative(category=category, number=3, title_en="Utility poles", title_ja="無電柱化の推進")
    response = publisher_client.get("/admin/initiatives/initiative/", {"q": "無電柱化"})
    assert [obj.number for obj in response.context["cl"].result_list] == [3]


def test_translation_tabs_load_jquery_ui_from_the_site_not_a_cdn(publisher_client, initiative):
    body = publisher_client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/").content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in body
    assert "tabbed_translation_fields.js" in body
    assert "googleapis" not in body
    assert "//code.jquery" not in body


def test_editor_cannot_publish_a_new_initiative_by_post(editor_client, category):
    response = editor_client.post(
        "/admin/initiatives/initiative/add/", form_data(category, status="published")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Initiative.objects.get(slug="new-initiative").status == Status.DRAFT


def test_editor_cannot_publish_an_existing_draft_or_schedule_it(editor_client, category):
    initiative = make_initiative(category=category, number=7, slug="new-initiative", status=Status.DRAFT)
    data = form_data(category, status="published", publish_at_0="2030-01-01", publish_at_1="09:00")
    response = editor_client.post(f"/admin/initiatives/initiative/{initiative.pk}/change/", data)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT
    assert initiative.publish_at is None


def test_editor_sees_no_publish_action(editor_client, initiative):
    body = editor_client.get("/admin/initiatives/initiative/").content.decode()
    assert "publish_selected" not in body


def test_editor_publish_action_post_is_refused(editor_client, category):
    initiative = make_initiative(category=category, status=Status.DRAFT)
    editor_client.post(
        "/admin/initiatives/initiative/",
        {"action": "publish_selected", "_selected_action": [initiative.pk]},
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_publisher_can_publish(publisher_client, category):
    response = publisher_client.post(
        "/admin/initiatives/initiative/add/", form_data(category, status="published")
    )
    assert response.status_code == 302
    assert Initiative.objects.get(slug="new-initiative").status == Status.PUBLISHED


def test_publisher_can_publish_selected_drafts(publisher_client, category):
    initiative = make_initiative(category=category, status=Status.DRAFT)
    publisher_client.post(
        "/admin/initiatives/initiative/",
        {"action": "publish_selected", "_selected_action": [initiative.pk]},
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.PUBLISHED


def test_uploaded_document_gets_its_size_and_page_count(editor_client, category, pdf_bytes):
    upload = SimpleUploadedFile("case-study.pdf", pdf_bytes, content_type="application/pdf")
    response = editor_client.post(
        "/admin/initiatives/initiative/add/", form_data(category, documents=[("fr", upload)])
    )
    assert response.status_code == 302
    document = InitiativeDocument.objects.get()
    assert (document.size, document.page_count, document.mime_type) == (len(pdf_bytes), 3, "application/pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.pdf", b"This is plain text pretending to be a PDF.", "its content is not a PDF file"),
        ("page.pdf", b"<!DOCTYPE html><html><body>hi</body></html>", "HTML and XML files are not accepted"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_refused_upload_shows_an_error_and_stores_nothing(
    editor_client, category, media_root, name, content, message
):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = editor_client.post(
        "/admin/initiatives/initiative/add/", form_data(category, documents=[("en", upload)])
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Initiative.objects.exists()
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_oversized_upload_is_refused_and_stores_nothing(
    editor_client, category, media_root, settings, pdf_bytes
):
    settings.PORTAL_MAX_DOCUMENT_BYTES = 1000
    upload = SimpleUploadedFile("big.pdf", pdf_bytes, content_type="application/pdf")
    response = editor_client.post(
        "/admin/initiatives/initiative/add/", form_data(category, documents=[("en", upload)])
    )
    assert "the largest accepted is" in response.content.decode()
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_category_with_initiatives_cannot_be_deleted(publisher_client, initiative):
    response = publisher_client.post(
        f"/admin/categories/category/{initiative.category.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 200
    assert "protected" in response.content.decode().lower()
    assert initiative.category.__class__.objects.filter(pk=initiative.category.pk).exists()


def number_help_text(client, url):
    body = client.get(url).content.decode()
    match = re.search(r'<div class="help" id="id_number_helptext">\s*<div>(.*?)</div>', body, re.S)
    assert match, "no help text for the number"
    return match.group(1)


def fill_numbers(category, numbers):
    for number in numbers:
        make_initiative(category=category, number=number, slug=f"i-{number}")


def test_the_number_help_lists_free_numbers_and_the_next_after_the_highest(editor_client, category):
    fill_numbers(category, [n for n in range(1, 25) if n not in (7, 12)])
    text = number_help_text(editor_client, "/admin/initiatives/initiative/add/")
    assert "Free numbers: 7, 12. Next after the highest: 25." in text


def test_the_number_help_on_the_change_form_counts_the_edited_item_as_used(editor_client, category):
    fill_numbers(category, [1, 2, 30])
    initiative = Initiative.objects.get(number=2)
    text = number_help_text(editor_client, f"/admin/initiatives/initiative/{initiative.pk}/change/")
    assert "Free numbers: 3, 4, 5," in text
    assert "Next after the highest: 31." in text


def test_the_number_help_says_when_every_case_study_number_is_used(editor_client, category):
    fill_numbers(category, range(1, 25))
    text = number_help_text(editor_client, "/admin/initiatives/initiative/add/")
    assert "Every number from 1 to 24 is used. Next after the highest: 25." in text


def test_number_availability_is_one_query(category, django_assert_num_queries):
    fill_numbers(category, [1, 3, 26])
    with django_assert_num_queries(1):
        free, next_number = Initiative.objects.number_availability()
    assert free == [2, *range(4, 25)]
    assert next_number == 27


def test_number_availability_of_an_empty_table(db):
    assert Initiative.objects.number_availability() == (list(range(1, 25)), 1)


def test_staff_are_told_the_category_is_the_portal_teams_mapping(publisher_client):
    """The case study gives no area for its items: the admin says whose assignment it is."""
    response = publisher_client.get("/admin/initiatives/initiative/add/")
    assert "the portal team's editorial mapping, not the source's" in response.content.decode()
