"""The downloads panel of the admin index, and the CSV of daily download counts."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType

from core import dashboard
from core.charts import bar_chart
from core.models import DownloadCount
from media_library.models import InfographicArchive
from tests.factories import (
    make_document_row,
    make_edition,
    make_edition_file_row,
    make_infographic_row,
    make_initiative,
    make_publication,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 15)
INDEX = "/admin/"
CSV = "/admin/downloads.csv"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The dashboard's today is 15 March 2025: its 12 months are April 2024 to March 2025."""
    monkeypatch.setattr(dashboard, "today", lambda: TODAY)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def count(obj, day, n):
    DownloadCount.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        day=day,
        count=n,
    )


@pytest.fixture
def files(category):
    initiative = make_initiative(category=category, number=3, slug="volunteers", title_en="Volunteers")
    edition = make_edition(make_publication(title_en="After the Games", cover=False))
    return {
        "document": make_document_row(initiative, "ja"),
        "edition_file": make_edition_file_row(edition, "fr"),
        "infographic": make_infographic_row(),
        "archive": InfographicArchive.objects.create(
            fingerprint="f" * 64, image_count=3, mime_type="application/zip"
        ),
    }


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("boss", password="pw"))
    return client


def staff_without_downloads(client):
    user = User.objects.create_user("clerk", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_category"))
    client.force_login(user)
    return client


# --- The figures -------------------------------------------------------------------------


def test_monthly_downloads_sum_each_month_with_zeros_for_empty_months(files):
    doc, graphic = files["document"], files["infographic"]
    count(doc, datetime.date(2025, 3, 1), 4)
    count(graphic, datetime.date(2025, 3, 15), 3)
    count(doc, datetime.date(2025, 1, 31), 10)
    count(doc, datetime.date(2024, 4, 1), 2)  # 11 months ago: the first month shown
    count(doc, datetime.date(2024, 3, 31), 50)  # 12 months ago: not shown
    count(doc, datetime.date(2024, 2, 10), 70)  # 13 months ago: not shown
    months = dashboard.monthly_downloads(until=TODAY)
    assert [month for month, _total in months] == [datetime.date(2024, m, 1) for m in range(4, 13)] + [
        datetime.date(2025, m, 1) for m in range(1, 4)
    ]
    assert dict(months) == {
        **{month: 0 for month, _total in months},
        datetime.date(2024, 4, 1): 2,
        datetime.date(2025, 1, 1): 10,
        datetime.date(2025, 3, 1): 7,
    }


def bar_values(html):
    return [
        int(v.replace(",", ""))
        for v in re.findall(r'<text class="bar-chart-value"[^>]*>([^<]*)</text>', html)
    ]


def bar_heights(html):
    return [float(h) for h in re.findall(r'<rect class="bar-chart-bar"[^>]*height="([^"]+)"', html)]


def table_rows(html, table_id):
    table = re.search(rf'<table id="{table_id}".*?</table>', html, re.S).group(0)
    body = re.search(r"<tbody>.*?</tbody>", table, re.S).group(0)
    return re.findall(r'<tr><th scope="row">(.*?)</th><td class="figure">(.*?)</td></tr>', body)


def test_the_chart_and_its_table_show_each_months_downloads(superuser_client, files):
    count(files["document"], datetime.date(2025, 3, 2), 1200)
    count(files["edition_file"], datetime.date(2025, 3, 3), 34)
    count(files["archive"], datetime.date(2024, 12, 24), 600)
    count(files["document"], datetime.date(2024, 4, 1), 300)
    count(files["document"], datetime.date(2024, 2, 29), 999)  # 13 months ago
    html = superuser_client.get(INDEX).content.decode()
    expected = [300, 0, 0, 0, 0, 0, 0, 0, 600, 0, 0, 1234]
    assert bar_values(html) == expected
    heights = bar_heights(html)
    assert heights[0] / heights[-1] == pytest.approx(300 / 1234, abs=0.01)
    assert [h == 0 for h in heights] == [v == 0 for v in expected]
    rows = table_rows(html, "downloads-by-month")
    assert rows[0] == ("April 2024", "300")
    assert rows[8] == ("December 2024", "600")
    assert rows[-1] == ("March 2025", "1,234")
    assert [int(figure.replace(",", "")) for _month, figure in rows] == expected
    assert '<th scope="row">Total</th><td class="figure">2,134</td>' in html


def test_the_chart_is_an_accessible_image_with_its_figures_in_words(superuser_client, files):
    count(files["document"], datetime.date(2025, 2, 5), 7)
    html = superuser_client.get(INDEX).content.decode()
    svg = re.search(r"<svg class=\"bar-chart\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="downloads-chart-title"' in svg
    assert 'aria-describedby="downloads-chart-desc"' in svg
    assert 'aria-details="downloads-by-month"' in svg
    assert '<title id="downloads-chart-title">Downloads per month, April 2024 to March 2025</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert desc.startswith("7 downloads in all. April 2024: 0; ")
    assert "February 2025: 7; March 2025: 0." in desc
    assert "style=" not in svg and "<script" not in svg and "href" not in svg
    assert re.findall(r'class="bar-chart-key"[^>]*>([^<]*)<', svg)[:2] == ["Apr", "May"]
    assert re.findall(r'class="bar-chart-key bar-chart-year"[^>]*>([^<]*)<', svg) == ["2024", "2025"]
    assert "<caption>Downloads per month</caption>" in html


def test_the_chart_speaks_the_staff_members_language_and_keeps_its_numbers_unlocalized(
    superuser_client, files
):
    count(files["document"], datetime.date(2025, 3, 2), 1)
    html = superuser_client.get(INDEX, headers={"accept-language": "fr"}).content.decode()
    svg = re.search(r"<svg class=\"bar-chart\".*?</svg>", html, re.S).group(0)
    assert "avril 2024" in svg  # the title, in French
    assert '<desc id="downloads-chart-desc">1 téléchargement en tout. avril 2024\u00a0: 0\u00a0; ' in svg
    assert re.findall(r'class="bar-chart-key"[^>]*>([^<]*)<', svg)[0] == "Avr"
    # A coordinate such as 12.5 must not become "12,5" in French.
    assert not re.search(r'(x|y|width|height)="[0-9]+,[0-9]', svg)
    ja = superuser_client.get(INDEX, headers={"accept-language": "ja"}).content.decode()
    assert re.findall(r'class="bar-chart-key"[^>]*>([^<]*)<', ja)[-1] == "3月"
    assert "2025年3月" in ja


def test_a_chart_of_nothing_has_zero_height_bars_on_a_scale_of_one():
    chart = bar_chart([(i, 0) for i in range(12)])
    assert {bar.height for bar in chart.bars} == {0}
    assert [line.value for line in chart.gridlines] == [0, 1]


def test_the_chart_scale_ends_at_a_round_figure():
    chart = bar_chart([("a", 1234), ("b", 10)])
    assert [line.value for line in chart.gridlines] == [0, 500, 1000, 1500]
    assert chart.bars[0].height == pytest.approx(
        (chart.baseline - chart.gridlines[-1].y) * 1234 / 1500, abs=0.1
    )


# --- Top downloads -------------------------------------------------------------------------


@pytest.fixture
def history(files):
    """The document: 5 today, 100 forty days ago, 1000 two years ago. The edition file: 10 today.
    The infographic: 20 eleven months ago. The ZIP: 2 on 1 January 2025."""
    count(files["document"], TODAY, 5)
    count(files["document"], days_ago(40), 100)
    count(files["document"], days_ago(730), 1000)
    count(files["edition_file"], TODAY, 10)
    count(files["infographic"], datetime.date(2024, 4, 2), 20)
    count(files["archive"], datetime.date(2025, 1, 1), 2)
    return files


def top(**period):
    return [(row.file.file, row.total) for row in dashboard.top_downloads(**period)]


def test_top_downloads_of_each_period(history):
    doc, edition_file, graphic, archive = (
        history[k] for k in ("document", "edition_file", "infographic", "archive")
    )
    assert top(start=days_ago(29), end=TODAY) == [(edition_file, 10), (doc, 5)]
    assert top(start=datetime.date(2024, 4, 1), end=TODAY) == [
        (doc, 105),
        (graphic, 20),
        (edition_file, 10),
        (archive, 2),
    ]
    assert top() == [(doc, 1105), (graphic, 20), (edition_file, 10), (archive, 2)]
    assert top(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 2, 28)) == [(doc, 100), (archive, 2)]
    assert top(limit=1) == [(doc, 1105)]


def top_table(html):
    table = re.search(
        r'<table class="dashboard-figures" id="top-downloads-table">.*?</table>', html, re.S
    ).group(0)
    caption = re.search(r"<caption>(.*?)</caption>", table).group(1)
    rows = re.findall(
        r'<tr>\s*<th scope="row">(.*?)<br><span class="mini quiet">(.*?)</span></th>\s*'
        r"<td>(.*?)</td>\s*<td class=\"language\">(.*?)</td>\s*<td class=\"figure\">(.*?)</td>",
        table,
    )
    return caption, rows


@pytest.mark.parametrize(
    ("query", "caption", "totals"),
    [
        ("", "Most downloaded files from 14 February 2025 to 15 March 2025", ["10", "5"]),
        ("?period=30d", "Most downloaded files from 14 February 2025 to 15 March 2025", ["10", "5"]),
        ("?period=12m", "Most downloaded files from 1 April 2024 to 15 March 2025", ["105", "20", "10", "2"]),
        ("?period=all", "Most downloaded files of all time", ["1,105", "20", "10", "2"]),
        (
            "?period=dates&from=2025-01-01&to=2025-02-28",
            "Most downloaded files from 1 January 2025 to 28 February 2025",
            ["100", "2"],
        ),
        ("?from=2025-01-01", "Most downloaded files since 1 January 2025", ["105", "10", "2"]),
        ("?period=dates&to=2023-12-31", "Most downloaded files until 31 December 2023", ["1,000"]),
    ],
)
def test_the_top_downloads_table_for_each_period(superuser_client, history, query, caption, totals):
    response = superuser_client.get(INDEX + query)
    assert response.status_code == 200
    shown_caption, rows = top_table(response.content.decode())
    assert shown_caption == caption
    assert [row[-1] for row in rows] == totals


def test_the_top_downloads_name_the_file_its_kind_its_item_and_its_language(superuser_client, history):
    _caption, rows = top_table(superuser_client.get(INDEX + "?period=all").content.decode())
    assert rows == [
        ("03 Volunteers (日本語).pdf", "Initiative document", "3. Volunteers", "Japanese", "1,105"),
        (f"{history['infographic'].title}.png", "Infographic", history["infographic"].title, "—", "20"),
        (
            "After the Games (2021-07, français).pdf",
            "Publication file",
            "After the Games: (2021-07)",
            "French",
            "10",
        ),
        ("Tokyo 2020 legacy infographics (3 images).zip", "Infographics ZIP", "All infographics", "—", "2"),
    ]


def test_the_chosen_period_links_to_its_csv(superuser_client, history):
    html = superuser_client.get(INDEX + "?period=12m").content.decode()
    assert 'href="/admin/downloads.csv?from=2024-04-01&amp;to=2025-03-15"' in html
    html = superuser_client.get(INDEX + "?period=all").content.decode()
    assert 'href="/admin/downloads.csv"' in html


def test_a_period_without_downloads_says_so(superuser_client, files):
    html = superuser_client.get(INDEX).content.decode()
    assert "No file was downloaded in this period." in html
    assert "top-downloads-table" not in html


def test_a_deleted_file_keeps_its_downloads_in_the_report(history):
    history["edition_file"].delete()
    rows = dashboard.top_downloads(start=TODAY, end=TODAY)
    assert [(row.file.name, row.file.kind, row.file.item, row.file.language, row.total) for row in rows] == [
        ("Deleted file", "publication file", "", "", 10),
        ("03 Volunteers (日本語).pdf", "initiative document", "3. Volunteers", "ja", 5),
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?period=last-week", "Select a valid choice. last-week is not one of the available choices."),
        ("?period=dates&from=2025-02-30", "Enter a date as YYYY-MM-DD, for example 2025-07-31."),
        ("?from=15/03/2025", "Enter a date as YYYY-MM-DD, for example 2025-07-31."),
        (
            "?period=dates&from=2025-03-01&to=2025-02-01",
            "The start date (2025-03-01) is after the end date (2025-02-01).",
        ),
        ("?period=dates", "Give a start date, an end date or both."),
    ],
)
def test_a_bad_period_is_a_400_that_says_why_and_keeps_the_chart(superuser_client, files, query, message):
    response = superuser_client.get(INDEX + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The period is not valid: see below." in html
    assert message in html.replace("&#x27;", "'")
    assert "top-downloads-table" not in html
    assert 'id="downloads-by-month"' in html  # the rest of the page is still there


def test_the_date_pickers_show_the_chosen_dates_but_never_a_bad_one(superuser_client, files):
    html = superuser_client.get(INDEX + "?period=dates&from=2025-01-02&to=20250301").content.decode()
    assert re.search(r'<input type="date" name="from" value="2025-01-02"', html)
    assert re.search(r'<input type="date" name="to" (?!value)', html)


# --- Who sees what -------------------------------------------------------------------------


def test_editors_and_publishers_may_see_download_figures(editor, publisher):
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        assert group.permissions.filter(
            content_type__app_label="core", codename="view_downloadcount"
        ).exists()
    assert editor.has_perm("core.view_downloadcount")
    assert publisher.has_perm("core.view_downloadcount")


def test_an_editor_sees_the_downloads_panel(editor_client, files):
    response = editor_client.get(INDEX)
    assert response.status_code == 200
    assert 'id="downloads-heading"' in response.content.decode()


def test_staff_without_the_permission_see_the_index_without_the_panel(client, files):
    client = staff_without_downloads(client)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="downloads-heading"' not in html
    assert "bar-chart" not in html
    # Nor do they get a 400 for a query string meant for the panel they cannot see.
    assert client.get(INDEX + "?period=nonsense").status_code == 200


def test_the_index_keeps_the_app_list_and_the_admins_policy(superuser_client, files):
    response = superuser_client.get(INDEX)
    html = response.content.decode()
    assert html.index('id="downloads-heading"') < html.index('id="content-main"')
    assert "app-initiatives" in html
    assert "portal-dashboard.css" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


# --- The CSV -------------------------------------------------------------------------------


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_has_one_row_per_file_per_day_of_the_period(superuser_client, history):
    history["document"].initiative.title_ja = "ボランティア"
    history["document"].initiative.save()
    response = superuser_client.get(CSV + "?from=2025-01-01&to=2025-03-15")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="downloads-from-2025-01-01-to-2025-03-15.csv"'
    )
    doc, edition_file, archive = history["document"], history["edition_file"], history["archive"]
    assert csv_rows(response) == [
        ["day", "file kind", "file id", "file name", "language", "item", "downloads"],
        [
            "2025-01-01",
            "infographics ZIP",
            str(archive.pk),
            "Tokyo 2020 legacy infographics (3 images).zip",
            "",
            "All infographics",
            "2",
        ],
        [
            "2025-02-03",
            "initiative document",
            str(doc.pk),
            "03 ボランティア (日本語).pdf",
            "ja",
            "3. Volunteers",
            "100",
        ],
        [
            "2025-03-15",
            "initiative document",
            str(doc.pk),
            "03 ボランティア (日本語).pdf",
            "ja",
            "3. Volunteers",
            "5",
        ],
        [
            "2025-03-15",
            "publication file",
            str(edition_file.pk),
            "After the Games (2021-07, français).pdf",
            "fr",
            "After the Games: (2021-07)",
            "10",
        ],
    ]


def test_the_csv_without_dates_has_every_day(superuser_client, history):
    response = superuser_client.get(CSV)
    assert response["Content-Disposition"] == 'attachment; filename="downloads.csv"'
    rows = csv_rows(response)[1:]
    assert len(rows) == DownloadCount.objects.count() == 6
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)


def test_the_csv_keeps_titles_from_being_run_as_formulas(superuser_client, files):
    edition = make_edition(make_publication(title_en='=HYPERLINK("http://evil")', cover=False))
    stored = make_edition_file_row(edition, "en")
    count(stored, TODAY, 1)
    rows = csv_rows(superuser_client.get(CSV))
    assert rows[1][3].startswith("'=HYPERLINK")
    assert rows[1][5].startswith("'=HYPERLINK")


def test_the_csv_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(CSV + "?from=2025-01-01")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/downloads.csv")


def test_the_csv_is_forbidden_to_staff_without_the_permission(client, history):
    assert staff_without_downloads(client).get(CSV).status_code == 403


def test_the_csv_is_for_editors(editor_client, history):
    response = editor_client.get(CSV)
    assert response.status_code == 200
    assert len(csv_rows(response)) == 7


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=yesterday", "from: Enter a date as YYYY-MM-DD, for example 2025-07-31."),
        ("?to=2025-02-30", "to: Enter a date as YYYY-MM-DD, for example 2025-07-31."),
        ("?from=2025-03-02&to=2025-03-01", "The start date (2025-03-02) is after the end date (2025-03-01)."),
    ],
)
def test_bad_csv_dates_are_a_400_that_says_why(superuser_client, query, message):
    response = superuser_client.get(CSV + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == message


# --- Queries -------------------------------------------------------------------------------


def add_downloads(category, n):
    """One more initiative with two documents, an edition with a file, an infographic and a
    ZIP, each downloaded on several days of the last year and before."""
    initiative = make_initiative(category=category, number=10 + n)
    edition = make_edition(make_publication(cover=False))
    made = [
        make_document_row(initiative, "en"),
        make_document_row(initiative, "ko"),
        make_edition_file_row(edition, "zh-hans"),
        make_infographic_row(),
        InfographicArchive.objects.create(
            fingerprint=f"{n:064d}", image_count=n, mime_type="application/zip"
        ),
    ]
    for i, stored in enumerate(made):
        for days in (0, 3, 35, 200, 400 + n):
            count(stored, days_ago(days + i), n + i)


@pytest.mark.parametrize("query", ["", "?period=12m", "?period=all"])
def test_the_dashboard_runs_the_same_queries_with_more_files_and_days(superuser_client, category, query):
    add_downloads(category, 1)
    few = count_queries(superuser_client, INDEX + query)
    for n in range(2, 6):
        add_downloads(category, n)
    assert count_queries(superuser_client, INDEX + query) == few
    # The session, the user, the recent actions; the months; the top files, and one
    # query per kind of file among them (four kinds); saving the session (three, with its
    # savepoint: staff sessions expire a working day after the last request); and the
    # editorial panel: a few queries per kind of content (core.editorial_views).
    assert few <= 45


def test_the_csv_runs_the_same_queries_with_more_files_and_days(superuser_client, category):
    add_downloads(category, 1)
    few = count_queries(superuser_client, CSV)
    for n in range(2, 6):
        add_downloads(category, n)
    assert count_queries(superuser_client, CSV) == few
    # The session, the user; the files counted, one query per kind (four); the rows;
    # saving the session (three, with its savepoint).
    assert few <= 11
