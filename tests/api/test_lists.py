"""The lists, as JSON and CSV: live items only, every language, filters, pages, query counts."""

import csv
import io

import pytest

from core.models import Status
from tests.api.conftest import KINDS
from tests.factories import make_category, make_initiative, make_video
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ja", "fr", "zh-hans", "ko"]


def read_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def read_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf"), "a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("kind", KINDS)
def test_a_list_holds_the_live_items_only(client, site, kind):
    page = read_json(client, f"/api/v1/{kind}")
    assert [item["content_id"] for item in page["results"]] == [str(site[kind].uuid)]
    assert page["count"] == 1 and page["pages"] == 1 and page["next"] is None


@pytest.mark.parametrize("kind", KINDS)
def test_the_csv_has_one_row_per_live_item_and_a_column_per_language(client, site, kind):
    rows = read_csv(client, f"/api/v1/{kind}.csv")
    assert [row["content_id"] for row in rows] == [str(site[kind].uuid)]
    text_field = "name" if kind == "cities" else "title"
    for code in LANGUAGES:
        assert f"{text_field}_{code}" in rows[0], code
        assert rows[0][f"url_{code}"].startswith(f"http://testserver/{code}/")


def test_every_language_s_text_is_in_one_object_null_where_empty(client, site):
    (item,) = read_json(client, "/api/v1/initiatives")["results"]
    assert item["title"] == {"en": "Utility poles", "ja": "無電柱化", "fr": None, "zh-hans": None, "ko": None}
    assert item["urls"]["ja"] == "http://testserver/ja/initiatives/poles/"
    assert item["translations"]["ja"]["title"] == {"origin": "portal", "current": True}


def test_the_csv_opens_in_python_with_japanese_text(client, site):
    (row,) = read_csv(client, "/api/v1/initiatives.csv")
    assert row["title_ja"] == "無電柱化" and row["title_fr"] == ""
    assert row["category_slug"] == "safety"
    assert len(row["document_urls"].splitlines()) == 2


def test_a_csv_cell_that_a_spreadsheet_would_run_is_quoted(client, site):
    for number, title in enumerate(['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)"], start=10):
        make_initiative(category=site["categories"], number=number, slug=f"formula-{number}", title_en=title)
    titles = {row["slug"]: row["title_en"] for row in read_csv(client, "/api/v1/initiatives.csv")}
    assert titles["formula-10"] == '\'=HYPERLINK("http://evil")'
    assert (
        titles["formula-11"] == "'+1"
        and titles["formula-12"] == "'-2"
        and titles["formula-13"] == "'@SUM(A1)"
    )
    assert titles["poles"] == "Utility poles"


def test_items_under_a_draft_area_are_not_listed_and_a_draft_area_is_not_referenced(client, site):
    initiatives = read_json(client, "/api/v1/initiatives")["results"]
    assert "under-hidden-area" not in {item["slug"] for item in initiatives}
    (video,) = read_json(client, "/api/v1/videos")["results"]
    assert [category["slug"] for category in video["categories"]] == ["safety"]
    (infographic,) = read_json(client, "/api/v1/infographics")["results"]
    assert infographic["category"] is None
    (seminar,) = read_json(client, "/api/v1/seminars")["results"]
    assert [p["city"]["slug"] for p in seminar["participations"]] == ["seoul"]


def test_the_category_filter_takes_a_slug_or_a_uuid(client, site):
    other = make_category(number=5, slug="sport", title_en="Sport")
    make_initiative(category=other, number=7, slug="para-sports")
    area = site["categories"]
    for value in ("safety", str(area.uuid)):
        page = read_json(client, f"/api/v1/initiatives?category={value}")
        assert [item["slug"] for item in page["results"]] == ["poles"], value
    assert [row["slug"] for row in read_csv(client, "/api/v1/initiatives.csv?category=sport")] == [
        "para-sports"
    ]
    assert read_json(client, "/api/v1/videos?category=sport")["count"] == 0
    assert read_json(client, "/api/v1/videos?category=safety")["count"] == 1


# What schemathesis's fuzzer once sent: the parameter many times over, JSON-like and
# non-numeric values, a query string of nearly 5,000 characters.
FUZZED_PAGE_SIZES = "&".join(
    ["page_size=null", "page_size=%5B%5D", "page_size=%7B%7D"] * 120 + ["page_size=4.4e%2B16"]
)


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("category=hidden-area", "category"),
        ("category=no-such-area", "category"),
        ("category=%00", "category"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2021-02-30T00:00:00Z", "updated_since"),
        ("updated_since=2021-07-08", "updated_since"),
        ("updated_since=9999-12-31T23:59:59-23:59", "updated_since"),
        ("updated_since=0001-01-01T00:00:00%2B23:59", "updated_since"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("page_size=201", "page_size"),
        ("page_size=0", "page_size"),
        (FUZZED_PAGE_SIZES, "page_size"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, site, query, parameter):
    for url in (f"/api/v1/initiatives?{query}", f"/api/v1/initiatives.csv?{query}"):
        if url.endswith(".csv?" + query) and parameter.startswith("page"):
            continue  # the CSV is not paged
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        assert body["status"] == 400 and body["detail"].startswith(f"{parameter}:")
        assert body["errors"][0]["parameter"] == parameter


def test_updated_since_keeps_what_changed_or_went_live_since(client, site):
    poles = site["initiatives"]
    since = poles.updated_at.isoformat()
    assert read_json(client, f"/api/v1/initiatives?updated_since={since.replace('+', '%2B')}")["count"] == 1
    later = "2999-01-01T00:00:00Z"
    assert read_json(client, f"/api/v1/initiatives?updated_since={later}")["count"] == 0
    assert read_csv(client, f"/api/v1/initiatives.csv?updated_since={later}") == []
    earlier = "2000-01-01T09:00:00+09:00"
    assert read_json(client, f"/api/v1/initiatives?updated_since={earlier.replace('+', '%2B')}")["count"] == 1


def test_pages_are_stable_and_link_each_other(client, site):
    for number in range(10, 15):
        make_initiative(category=site["categories"], number=number, slug=f"item-{number}")
    first = read_json(client, "/api/v1/initiatives?page_size=2")
    assert (first["count"], first["pages"], first["previous"]) == (6, 3, None)
    assert first["next"] == "http://testserver/api/v1/initiatives?page_size=2&page=2"
    second = read_json(client, first["next"].removeprefix("http://testserver"))
    last = read_json(client, "/api/v1/initiatives?page_size=2&page=3")
    slugs = [item["slug"] for page in (first, second, last) for item in page["results"]]
    assert slugs == ["poles", "item-10", "item-11", "item-12", "item-13", "item-14"]
    assert last["next"] is None and second["previous"].endswith("page=1")
    missing = client.get("/api/v1/initiatives?page_size=2&page=4")
    assert missing.status_code == 404 and "there are 3" in missing.json()["detail"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_list_its_csv_and_a_detail_run_the_same_queries_at_one_and_at_many_items(client, site, kind):
    urls = [
        f"/api/v1/{kind}",
        f"/api/v1/{kind}.csv",
        f"/api/v1/{kind}?page_size=200",
        f"/api/v1/{kind}/{site[kind].uuid}",
    ]
    if kind in ("initiatives", "videos"):
        urls.append(f"/api/v1/{kind}?category=safety&updated_since=2000-01-01T00:00:00Z")
    before = {url: count_queries(client, url) for url in urls}
    more(site)
    after = {url: count_queries(client, url) for url in urls}
    assert after == before
    assert max(after.values()) <= 8


def more(site):
    """Several more of every kind, each with what its record shows."""
    from tests.factories import (
        japan,
        make_city,
        make_document,
        make_edition,
        make_file,
        make_infographic,
        make_programme_item,
        make_publication,
        make_seminar,
        make_session,
        take_part,
    )

    area = site["categories"]
    for number in range(4, 9):
        make_category(number=number, slug=f"area-{number}")
    for n in range(20, 24):
        initiative = make_initiative(category=area, number=n, slug=f"more-{n}")
        make_document(initiative)
        video = make_video(slug=f"more-film-{n}")
        video.categories.add(area)
        initiative.video_links.create(video=video)
        make_file(make_edition(make_publication(slug=f"more-booklet-{n}")))
        make_infographic(slug=f"more-chart-{n}", category=area)
        seminar = make_seminar(slug=f"more-seminar-{n}")
        make_session(seminar, start=japan(2021, 1, 1, 10), end=japan(2021, 1, 1, 11))
        make_programme_item(seminar, text="Item")
        take_part(seminar, make_city(slug=f"more-city-{n}"))


def test_a_draft_never_counts(client, site):
    make_video(slug="another-draft", status=Status.DRAFT)
    assert read_json(client, "/api/v1/videos")["count"] == 1
