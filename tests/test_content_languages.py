"""Language quality of the shipped content: every text in five languages, no copy of the
English passed off as a translation, and no page left in another language.

Exceptions are listed, each with its reason, in content/translation-exceptions.yaml.
Partner cities' and their countries' names are names (Paris is Paris in French).
"""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core import translations
from tests.shipped_pages import GROUP
from tests.sitemaps import sitemap_xml

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content"), GROUP]

NAMES = {("seminars.city", "name"), ("seminars.city", "country")}


def exceptions(kind):
    path = Path(settings.BASE_DIR, "content", "translation-exceptions.yaml")
    allowed = set()
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        assert entry["reason"].strip(), entry
        if entry["kind"] == kind:
            allowed |= {(entry["object"], entry["field"], lang) for lang in entry["languages"]}
    return allowed


def key_of(obj):
    return str(getattr(obj, "slug", None) or getattr(obj, "number", None) or obj.pk)


def shipped_texts():
    """(label, object key, field, language, text, English) for every translated text shipped."""
    for model in translator.get_registered_models():
        for obj in model._default_manager.all():
            for field in translator.get_options_for_model(model).all_fields:
                english = getattr(obj, build_localized_fieldname(field, "en"))
                if not english:
                    continue
                for lang in translations.TARGET_LANGUAGES:
                    text = getattr(obj, build_localized_fieldname(field, lang))
                    yield model._meta.label_lower, key_of(obj), field, lang, text, english


def test_every_shipped_text_exists_in_every_language():
    allowed = exceptions("missing")
    missing = [
        f"{label} {key} {field} [{lang}]"
        for label, key, field, lang, text, _english in shipped_texts()
        if not text and (key, field, lang) not in allowed
    ]
    assert missing == []


def test_no_translation_is_a_copy_of_the_english():
    allowed = exceptions("same_as_english")
    copies = [
        f"{label} {key} {field} [{lang}]: {text!r}"
        for label, key, field, lang, text, english in shipped_texts()
        if text and text.strip() == english.strip()
        and (label, field) not in NAMES
        and (key, field, lang) not in allowed
    ]  # fmt: skip
    assert copies == []


def test_no_shipped_page_says_it_is_not_yet_available_in_the_visitors_language(shipped_pages):
    sitemap = sitemap_xml(shipped_pages)
    paths = sorted(
        {re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    )
    pages = [path for path in paths if not path.startswith("/en/")]
    assert len(pages) > 300
    shown = []
    for path in pages:
        response = shipped_pages.get(path)
        assert response.status_code == 200, path
        if 'class="banner banner--notice" role="note"' in response.content.decode():
            shown.append(path)
    assert shown == []


def test_portal_translations_are_said_to_be_so(client):
    body = client.get("/fr/initiatives/crisis-management-systems/").content.decode()
    assert body.count("banner--translation") == 1


def test_the_french_booklet_page_shows_the_french_title_from_the_source(client):
    body = client.get("/fr/publications/building-the-legacy-beyond-2020/").content.decode()
    assert "<h1>Après les Jeux, leur héritage – Au-delà de 2020 –</h1>" in body


def test_the_japanese_seminar_contact_block_names_the_offices_in_japanese(client):
    body = client.get("/ja/seminars/global-partners-seminar-2021/").content.decode()
    contact = body[body.index('<address class="contact">') : body.index("</address>")]
    assert "外務部" in contact and "政策企画局" in contact and "東京都" in contact


def test_a_sample_file_says_so_in_the_visitors_language_beside_its_download(client):
    from django.utils import translation

    with translation.override("ja"):
        label = translation.pgettext("a download's fact", "sample file made by the portal")
    body = client.get("/ja/publications/building-the-legacy-beyond-2020/").content.decode()
    assert label in body


def test_korean_and_chinese_texts_use_their_own_punctuation():
    """Korean and Chinese write the middle dot ·, not the Japanese ・ (安全・安심 is 안전·안심)."""
    wrong = [
        f"{label} {key} {field} [{lang}]: {text}"
        for label, key, field, lang, text, _english in shipped_texts()
        if lang in ("ko", "zh-hans") and "\u30fb" in (text or "")
    ]
    assert wrong == []


def test_no_shipped_text_carries_an_unfilled_placeholder():
    """A "{n}" or "%(name)s" left in a translation would be shown to visitors as it is."""
    placeholder = re.compile(r"\{\w*\}|%\(\w+\)[sd]")
    left = [
        f"{label} {key} {field} [{lang}]: {text}"
        for label, key, field, lang, text, _english in shipped_texts()
        if placeholder.search(text or "")
    ]
    assert left == []


def test_french_texts_keep_their_no_break_spaces_once_loaded():
    """The content files write "Tokyo en bateau :" with U+00A0 before the colon; saving
    a single-line text must not turn it into an ordinary space (which may wrap)."""
    loose = [
        f"{label} {key} {field}: {text}"
        for label, key, field, lang, text, _english in shipped_texts()
        if lang == "fr" and re.search(r" [:;?!»]|« ", text or "")
    ]
    assert loose == []
