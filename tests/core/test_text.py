"""Single-line text stays on one line; multi-line text keeps paragraphs, not "\r\n"."""

import pytest

from categories.models import Category
from core.text import multi_line, single_line
from media_library.models import EditionFile
from tests.admin_forms import form_values
from tests.factories import make_category, make_edition, make_file, make_publication

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Safety\nand Security", "Safety and Security"),
        ("Safety\r\nand\tSecurity ", "Safety and Security"),
        ("Safety\x00 and\x1b Security", "Safety and Security"),
        ("Safety\u2028and Security", "Safety and Security"),
        # French typography's no-break spaces are not "runs of spaces" to collapse.
        ("Tokyo en bateau\u00a0: «\u00a0#ARIGATO\u00a0»", "Tokyo en bateau\u00a0: «\u00a0#ARIGATO\u00a0»"),
        ("Prix\u202f!  Oui", "Prix\u202f! Oui"),
    ],
)
def test_single_line_text_loses_line_breaks_and_control_characters(typed, stored):
    assert single_line(typed) == stored


def test_multi_line_text_keeps_paragraphs_with_plain_line_endings():
    assert multi_line("First.\r\n\r\nSecond.\x07\r") == "First.\n\nSecond."


def test_a_title_saved_through_the_model_is_one_line():
    category = make_category(title_en="Safety\nand Security", summary_en="One.\r\nTwo.")
    category.refresh_from_db()
    assert category.title_en == "Safety and Security"
    assert category.summary_en == "One.\nTwo."


def test_a_title_typed_with_a_line_break_in_the_admin_is_saved_on_one_line(publisher_client):
    category = make_category()
    url = f"/admin/categories/category/{category.pk}/change/"
    data = form_values(publisher_client, url)
    data["title_en"] = "Safety\r\nand Security"
    assert publisher_client.post(url, data).status_code == 302
    assert Category.objects.get(pk=category.pk).title_en == "Safety and Security"


def test_a_file_title_with_a_line_break_still_downloads(client):
    stored = make_file(make_edition(make_publication()), language="fr")
    # As an older save could have stored it, before the text was cleaned.
    EditionFile.objects.filter(pk=stored.pk).update(title="Après les Jeux\r\nleur héritage")
    response = client.get(stored.get_absolute_url())
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "\n" not in disposition and "\r" not in disposition
    assert "Apres les Jeux leur heritage" in disposition


def test_an_ascii_file_title_with_a_line_break_still_downloads(client):
    """An ASCII title goes into the plain `filename=` as it is (no percent-encoding to
    hide a line break), where a raw line break is a header injection Django refuses."""
    stored = make_file(make_edition(make_publication()), language="en")
    EditionFile.objects.filter(pk=stored.pk).update(title="Building the Legacy\r\nBeyond 2020")
    response = client.get(stored.get_absolute_url())
    assert response.status_code == 200
    assert 'filename="Building the Legacy Beyond 2020' in response["Content-Disposition"]
