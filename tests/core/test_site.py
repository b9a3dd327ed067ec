"""Site-wide behaviour: language redirects, health, robots, error pages, security headers."""

import json

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from core.views import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("ja,en;q=0.5", "/ja/"),
        ("fr-FR,fr;q=0.9", "/fr/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("ko-KR", "/ko/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, target):
    response = client.get("/", headers={"accept-language": accept_language} if accept_language else {})
    assert response.status_code == 302
    assert response["Location"] == target


def test_root_redirects_to_english_for_unsupported_languages(client):
    response = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"})
    assert response["Location"] == "/en/"


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database_read": "ok", "database_write": "ok", "cache": "ok"}


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_404_page_is_in_the_site_design_and_the_visitors_language(client):
    response = client.get("/ja/categories/no-such-area/")
    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="ja">' in body
    assert "ページが見つかりません" in body
    assert 'class="skip-link"' in body
    assert '<meta name="robots" content="noindex">' in body


def test_unknown_path_outside_a_language_is_404_in_the_design(client):
    response = client.get("/en/this/does/not/exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_in_the_design_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/fr/")
    request.user = None
    with translation.override("fr"), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Désolé, le service rencontre un problème" in response.content.decode()


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/en/", "/ja/initiatives/", "/en/no-such-page/", "/healthz"])
def test_public_pages_send_a_strict_content_security_policy(client, initiative, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["report-uri"] == ["/csp-report/"]


def test_the_admin_sends_a_content_security_policy_that_allows_only_inline_styles_more(admin_client):
    policy = directives(admin_client.get("/admin/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'none'"]
    login = directives(Client().get("/admin/login/"))
    assert login["script-src"] == ["'self'"]


def test_csp_violations_are_logged_one_line_each(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://legacy.example.org/en/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js",
        }
    }
    with caplog.at_level("WARNING", logger="portal.csp"):
        response = client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    assert [r.getMessage() for r in caplog.records] == [
        "CSP violation: script-src-elem blocked https://evil.example/x.js on https://legacy.example.org/en/"
    ]


def test_csp_reports_are_rate_limited_and_bad_ones_refused(client, caplog):
    from core.views import CSP_REPORTS_PER_MINUTE

    report = json.dumps({"csp-report": {"violated-directive": "img-src", "blocked-uri": "data"}})
    with caplog.at_level("WARNING", logger="portal.csp"):
        for _ in range(CSP_REPORTS_PER_MINUTE + 20):
            client.post("/csp-report/", report, content_type="application/csp-report")
    assert len(caplog.records) <= CSP_REPORTS_PER_MINUTE
    assert client.post("/csp-report/", "not json", content_type="application/json").status_code == 400
    assert client.post("/csp-report/", "x" * 20000, content_type="application/json").status_code == 413
    assert client.get("/csp-report/").status_code == 405


def test_templates_have_no_inline_scripts_or_styles():
    import re
    from pathlib import Path

    from django.conf import settings

    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {template}"
        assert "<style" not in text, f"inline style in {template}"
        assert not re.search(r"\son[a-z]+=", text), f"inline event handler in {template}"


def test_japanese_menus_show_under_ja(client, initiative):
    body = client.get("/ja/").content.decode()
    assert 'aria-label="メインメニュー"' in body
    assert ">分野</a>" in body
    assert "本文へスキップ" in body
