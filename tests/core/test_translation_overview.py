"""`/admin/translations/`: every cell of the matrix, on the loaded content, against the database.

The expected figures are worked out here from the rows as stored (each translated
column, and the hash of the English each translation was made from), not through the
code that draws the matrix, so a wrong rule or a miscounted cell fails.
"""

import hashlib
import re
from collections import Counter

import pytest
from modeltranslation.translator import translator

from categories.models import Category
from core import revisions
from initiatives.models import Initiative
from media_library.models import Video

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]

LANGUAGES = ["ja", "fr", "zh_hans", "ko"]
STATES = ["complete", "missing", "outdated"]


def content_models():
    return [
        model
        for model in translator.get_registered_models()
        if revisions.is_registered(model) and model._base_manager.exists()
    ]


def expected_state(row, fields, lang):
    """The worst state of an item's texts in `lang`, from its stored columns."""
    states = set()
    for field in fields:
        english = row[f"{field}_en"]
        if not english:
            continue
        if not row[f"{field}_{lang}"]:
            states.add("missing")
            continue
        # translation_meta is keyed by language code (zh-hans), the columns by suffix (zh_hans).
        made_from = (row["translation_meta"] or {}).get(lang.replace("_", "-"), {}).get(field, {}).get("src")
        current = hashlib.sha256(english.strip().encode()).hexdigest()[:12]
        states.add("outdated" if made_from and made_from != current else "complete")
    for state in ("outdated", "missing", "complete"):
        if state in states:
            return state
    return None


def expected_matrix():
    matrix = {}
    for model in content_models():
        fields = translator.get_options_for_model(model).all_fields
        columns = [f"{field}_{lang}" for field in fields for lang in ["en", *LANGUAGES]]
        rows = list(model._base_manager.values("translation_meta", *columns))
        counts = Counter()
        for row in rows:
            for lang in LANGUAGES:
                state = expected_state(row, fields, lang)
                if state:
                    counts[lang, state] += 1
        matrix[str(model._meta.verbose_name_plural).capitalize()] = (len(rows), counts)
    return matrix


def shown_matrix(html):
    table = re.search(r'<table id="translation-matrix".*?</table>', html, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    shown = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = re.search(r'<th scope="row">(.*?)</th>', row).group(1)
        total = int(re.search(r'<td class="number">(\d+)</td>', row).group(1))
        cells = re.findall(r'data-lang="([^"]+)" data-state="([^"]+)">(?:<a href="([^"]+)">)?(\d+)', row)
        shown[name] = (
            total,
            {(lang.replace("-", "_"), state): (int(n), url) for lang, state, url, n in cells},
        )
    return shown


def make_some_translations_outdated_or_missing():
    category = Category.objects.get(number=1)
    category.title_en = "Safety, Security and Resilience"
    category.save()
    initiative = Initiative.objects.order_by("number").first()
    initiative.summary_en = initiative.summary_en + " Updated."
    initiative.title_fr = ""  # outdated and missing in French: it counts as outdated
    initiative.save()
    other = Initiative.objects.order_by("number").last()
    other.title_ko = ""
    other.save()
    video = Video.objects.order_by("pk").first()
    video.title_fr = ""
    video.save()


def test_every_cell_of_the_translation_matrix_matches_the_database(publisher_client):
    make_some_translations_outdated_or_missing()
    html = publisher_client.get("/admin/translations/").content.decode()
    shown, expected = shown_matrix(html), expected_matrix()
    assert set(shown) == set(expected)
    for name, (total, counts) in expected.items():
        assert shown[name][0] == total, name
        cells = shown[name][1]
        assert set(cells) == {(lang, state) for lang in LANGUAGES for state in STATES}, name
        for (lang, state), (count, _url) in cells.items():
            assert count == counts[lang, state], (name, lang, state)
    # The changes above show up as such, so the matrix is not all "complete".
    assert expected["Categories"][1]["ja", "outdated"] >= 1
    assert expected["Initiatives"][1]["ko", "missing"] >= 1
    assert expected["Initiatives"][1]["fr", "missing"] == 0


def test_each_cells_list_holds_as_many_items_as_the_cell_counts(publisher_client):
    make_some_translations_outdated_or_missing()
    html = publisher_client.get("/admin/translations/").content.decode()
    for name, (_total, cells) in shown_matrix(html).items():
        for (lang, state), (count, url) in cells.items():
            if not count:
                continue
            listing = publisher_client.get(url.replace("&amp;", "&")).content.decode()
            items = re.findall(r'<tr><th scope="row">', listing)
            assert len(items) == count, (name, lang, state)


def test_the_dashboards_translation_gaps_are_the_matrix_summed(publisher_client):
    make_some_translations_outdated_or_missing()
    index = publisher_client.get("/admin/")
    expected = expected_matrix()
    gaps = {code.replace("-", "_"): counts for code, _name, counts in index.context["review"]["gaps"]}
    for lang in LANGUAGES:
        for state in ("missing", "outdated"):
            assert gaps[lang][state] == sum(counts[lang, state] for _t, counts in expected.values()), (
                lang,
                state,
            )
