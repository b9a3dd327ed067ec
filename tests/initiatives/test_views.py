import pytest
from django.utils import timezone

from core.models import DownloadCount, Status
from tests.factories import future, make_category, make_document, make_initiative

pytestmark = pytest.mark.django_db


def test_initiative_list_shows_live_initiatives_only(client, category):
    make_initiative(category=category, number=1, title_en="Live one")
    make_initiative(category=category, number=2, title_en="Draft one", status=Status.DRAFT)
    make_initiative(category=category, number=3, title_en="Future one", publish_at=future())
    body = client.get("/en/initiatives/").content.decode()
    assert "Live one" in body
    assert "Draft one" not in body
    assert "Future one" not in body


def test_initiative_list_filters_by_category(client, category):
    other = make_category(number=2, slug="urban-development")
    make_initiative(category=category, number=1, title_en="In safety")
    make_initiative(category=other, number=2, title_en="In urban")
    body = client.get("/en/initiatives/?category=urban-development").content.decode()
    assert "In urban" in body
    assert "In safety" not in body
    assert "1 initiative in Category 2" in body


def test_unknown_category_filter_is_a_400_in_the_site_design(client, initiative):
    response = client.get("/en/initiatives/?category=no-such-thing")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose a category from the list." in body
    assert 'class="error-summary"' in body


def test_draft_category_cannot_be_used_as_a_filter(client, initiative):
    draft = make_category(number=4, slug="draft-area", status=Status.DRAFT)
    assert client.get(f"/en/initiatives/?category={draft.slug}").status_code == 400


def test_bad_page_number_is_404_not_500(client, initiative):
    assert client.get("/en/initiatives/?page=abc").status_code == 404


def test_draft_initiative_is_404_for_visitors(client, category):
    initiative = make_initiative(category=category, status=Status.DRAFT)
    assert client.get(f"/en/initiatives/{initiative.slug}/").status_code == 404


def test_initiative_in_a_draft_category_is_404_for_visitors(client):
    initiative = make_initiative(category=make_category(status=Status.DRAFT))
    assert client.get(f"/en/initiatives/{initiative.slug}/").status_code == 404


def test_staff_can_preview_a_draft_initiative(editor_client, category):
    initiative = make_initiative(category=category, status=Status.DRAFT)
    response = editor_client.get(f"/en/initiatives/{initiative.slug}/")
    assert response.status_code == 200
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_initiative_page_offers_its_document_with_format_size_language_and_pages(client, initiative):
    make_document(initiative, language="fr")
    body = client.get(f"/en/initiatives/{initiative.slug}/").content.decode()
    assert f'href="/en/initiatives/{initiative.slug}/document/fr/"' in body
    assert "PDF, " in body
    assert "French, 2 pages" in body


def test_document_label_is_in_the_visitors_language(client, initiative):
    make_document(initiative, language="fr")
    body = client.get(f"/ja/initiatives/{initiative.slug}/").content.decode()
    assert "フランス語、2ページ" in body


def test_document_download_serves_the_pdf_with_headers(client, initiative, pdf_bytes):
    make_document(initiative, language="en", content=pdf_bytes)
    response = client.get(f"/en/initiatives/{initiative.slug}/document/en/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(pdf_bytes))
    assert response["Content-Disposition"] == 'attachment; filename="01 Crisis management (English).pdf"'
    assert b"".join(response.streaming_content) == pdf_bytes


def test_document_download_keeps_a_non_ascii_filename(client, initiative):
    initiative.title_ja = "危機管理体制の強化"
    initiative.save()
    make_document(initiative, language="ja")
    response = client.get(f"/en/initiatives/{initiative.slug}/document/ja/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=\"01.pdf\"; filename*=utf-8''01%20")
    assert "%E5%8D%B1%E6%A9%9F" in disposition


def test_document_download_is_counted(client, initiative):
    document = make_document(initiative)
    client.get(f"/en/initiatives/{initiative.slug}/document/en/")
    client.get(f"/ja/initiatives/{initiative.slug}/document/en/")
    assert DownloadCount.totals_for(document) == (2, None)
    assert DownloadCount.objects.count() == 1


def test_draft_initiatives_document_is_404_for_visitors(client, category):
    initiative = make_initiative(category=category, status=Status.DRAFT)
    make_document(initiative)
    assert client.get(f"/en/initiatives/{initiative.slug}/document/en/").status_code == 404


def test_scheduled_initiatives_document_is_404_for_visitors(client, category):
    initiative = make_initiative(category=category, publish_at=future())
    make_document(initiative)
    assert client.get(f"/en/initiatives/{initiative.slug}/document/en/").status_code == 404


def test_staff_can_download_a_draft_initiatives_document(editor_client, category):
    initiative = make_initiative(category=category, status=Status.DRAFT)
    make_document(initiative)
    assert editor_client.get(f"/en/initiatives/{initiative.slug}/document/en/").status_code == 200


def test_missing_document_language_is_404(client, initiative):
    make_document(initiative, language="en")
    assert client.get(f"/en/initiatives/{initiative.slug}/document/ko/").status_code == 404


def test_a_scheduled_category_becomes_a_valid_filter_when_its_time_comes_without_a_restart(client):
    category = make_category(slug="soon", publish_at=future())
    make_initiative(category=category)
    assert client.get("/en/initiatives/?category=soon").status_code == 400
    # Its moment comes (after the filter form's module was imported and first used).
    type(category).objects.filter(pk=category.pk).update(publish_at=timezone.now())
    response = client.get("/en/initiatives/?category=soon")
    assert response.status_code == 200
    assert response.context["category"] == category


def test_home_page_lists_at_most_24_initiatives_and_says_how_many_there_are(client):
    category = make_category()
    for number in range(1, 27):
        make_initiative(category=category, number=number)
    response = client.get("/en/")
    assert len(response.context["initiatives"]) == 24
    assert "26 initiatives report on the legacy" in response.content.decode()
