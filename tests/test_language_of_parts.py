"""Text shown in another language than the page's carries its real `lang` (WCAG 3.1.2).

A site whose content exists only in English is walked page by page in ja, fr, zh-hans
and ko. Every piece of English content text on a page (in an element, or in an
attribute a screen reader reads: alt, title, aria-label, the video frame's title)
must sit inside an element whose language is English. The document head (`<title>`,
meta tags) is left out: it has one language, the page's.
"""

import datetime
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from media_library.models.publications import PublicationKind
from tests.factories import (
    japan,
    make_category,
    make_city,
    make_document,
    make_edition,
    make_file,
    make_infographic,
    make_initiative,
    make_photo,
    make_programme_item,
    make_publication,
    make_seminar,
    make_session,
    make_video,
    take_part,
)

pytestmark = pytest.mark.django_db

CHECKED_ATTRIBUTES = {
    "alt": None,
    "title": None,
    "aria-label": None,
    "data-player-title": "data-player-title-lang",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class LanguageWalk(HTMLParser):
    """Collects (text, effective language) for every text node and read attribute of the body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang)
        self.found = []
        self.in_body = False

    def lang(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang), "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        own = attrs.get("lang")
        if tag == "body":
            self.in_body = True
        if self.in_body:
            for name, lang_attribute in CHECKED_ATTRIBUTES.items():
                if attrs.get(name):
                    lang = attrs.get(lang_attribute) if lang_attribute else own
                    self.found.append((attrs[name], lang or self.lang()))
        if tag not in VOID:
            self.stack.append((tag, own))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.in_body and data.strip() and self.stack and self.stack[-1][0] not in ("script", "style"):
            self.found.append((data, self.lang()))


def english_only_texts():
    """Every English value of a translated field that has no value in any other language."""
    texts = set()
    for model in translator.get_registered_models():
        options = translator.get_options_for_model(model)
        for obj in model._default_manager.all():
            for field in options.all_fields:
                value = getattr(obj, build_localized_fieldname(field, "en")) or ""
                text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", value))).strip()
                if len(text) >= 6:
                    texts.add(text[:60])
    return texts


def unmarked(html, texts):
    walk = LanguageWalk()
    walk.feed(html)
    problems = []
    for data, lang in walk.found:
        flat = re.sub(r"\s+", " ", data)
        for text in texts:
            if text in flat and lang != "en":
                problems.append(f"{text!r} shown with lang={lang!r} in {flat.strip()[:80]!r}")
    return problems


@pytest.fixture
def english_only_site():
    """One of everything, written in English only, with the relations each page shows."""
    category = make_category(slug="safety", title_en="Safety for everyone", summary_en="Safer streets.")
    initiative = make_initiative(
        category=category, slug="poles", title_en="Removal of utility poles", summary_en="Lines underground."
    )
    make_document(initiative, language="en")
    video = make_video(
        slug="arigato",
        title_en="Thank you film",
        url="https://www.youtube.com/watch?v=V7mK8KEORh4",
        featured=True,
    )
    video.categories.add(category)
    initiative.video_links.create(video=video, order=1)
    publication = make_publication(
        slug="booklet", title_en="Building the legacy booklet", summary_en="A booklet."
    )
    publication.publisher_en = "Metropolitan Government Office"
    publication.save()
    edition = make_edition(publication, note_en="Reprinted edition")
    make_file(edition, language="en")
    card = make_publication(slug="card", title_en="Message card of thanks", kind=PublicationKind.MESSAGE_CARD)
    make_file(make_edition(card), language="en", content=None)
    make_infographic(
        slug="graphic", title_en="Legacy in numbers", alt_text_en="Chart of the legacy", category=category
    )
    seminar = make_seminar(
        slug="seminar",
        series_en="Series of partner meetings",
        title_en="Partners seminar of cities",
        theme_en="Recovery together",
        venue_en="City hall building",
        body_en="<p>The Governor welcomed the partners.</p>",
        issuing_office_en="Office of Policy Planning",
        contact_division_en="International Affairs Division",
        start_date=datetime.date(2021, 11, 24),
    )
    make_session(seminar, name="Morning session", start=japan(2021, 11, 24, 10), end=japan(2021, 11, 24, 12))
    make_programme_item(seminar, text="Video message by the Governor")
    make_photo(seminar, alt="Group photo of participants", caption="The participants together")
    take_part(seminar, make_city(slug="harbour-city", name_en="Harbour City", country_en="Someland"))
    return {"category": category, "initiative": initiative, "video": video, "publication": publication}


PAGES = [
    "/{lang}/",
    "/{lang}/categories/",
    "/{lang}/categories/safety/",
    "/{lang}/initiatives/",
    "/{lang}/initiatives/?category=safety",
    "/{lang}/initiatives/?category=no-such-category",
    "/{lang}/initiatives/poles/",
    "/{lang}/videos/",
    "/{lang}/videos/arigato/",
    "/{lang}/publications/",
    "/{lang}/publications/booklet/",
    "/{lang}/publications/card/",
    "/{lang}/infographics/",
    "/{lang}/seminars/",
    "/{lang}/seminars/seminar/",
    "/{lang}/cities/",
    "/{lang}/cities/harbour-city/",
    # Search results: each query matches one field, so that the others (titles,
    # excerpts) are shown whole, not cut by <mark>, and the walk can find them.
    "/{lang}/search/?q=underground",
    "/{lang}/search/?q=welcomed",
    "/{lang}/search/?q=someland",
    "/{lang}/search/?q=chart",
]


@pytest.mark.parametrize("lang", ["ja", "fr", "zh-hans", "ko"])
def test_every_fallback_text_on_every_page_carries_its_language(client, english_only_site, lang):
    texts = english_only_texts()
    assert "Removal of utility poles" in texts
    problems = []
    for page in PAGES:
        url = page.format(lang=lang)
        response = client.get(url)
        assert response.status_code in (200, 400), url
        problems += [f"{url}: {problem}" for problem in unmarked(response.content.decode(), texts)]
    assert problems == []


def test_the_walk_finds_unmarked_english_text():
    html = (
        '<html lang="fr"><body><p>Removal of utility poles</p>'
        '<p lang="en">Removal of utility poles</p></body>'
    )
    assert unmarked(html, {"Removal of utility poles"}) == [
        "'Removal of utility poles' shown with lang='fr' in 'Removal of utility poles'"
    ]


def test_the_walk_reads_attributes_in_the_elements_own_language():
    html = (
        '<html lang="ko"><body><img alt="Chart of the legacy"><img alt="Chart of the legacy" lang="en">'
        '<div data-player-title="Thank you film" data-player-title-lang="en"></div></body>'
    )
    assert len(unmarked(html, {"Chart of the legacy", "Thank you film"})) == 1
