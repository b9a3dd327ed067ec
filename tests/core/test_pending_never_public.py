"""An editor's unpublished changes show on no public page, in no sitemap, feed or API answer.

On the loaded content, an editor changes the title (or name) of one live item of every
content model, in every language, to a marker; then every page the sitemap lists, every
sitemap, every feed in every language and every open-data list, CSV and record is read,
and none of them has a marker. Staff preview shows each change, so the markers are real.
"""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from core import revisions
from core.models import PendingChange
from tests.admin_forms import form_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]

MARKER = "Unpublishedmarker"
LANGUAGE_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
LANGUAGE_PREFIXES = [code for code, _name in settings.LANGUAGES]
API_KINDS = ["categories", "initiatives", "videos", "publications", "infographics", "seminars", "cities"]


def admin_url(obj, suffix):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{suffix}"


def local(url):
    return re.sub(r"^https?://[^/]+", "", url.replace("&amp;", "&"))


@pytest.fixture
def pending_items(editor_client):
    items = []
    for model in revisions.registered_roots():
        obj = model.objects.live().order_by("pk").first()
        assert obj is not None, model
        field = "name" if model.__name__ == "City" else "title"
        data = form_values(editor_client, admin_url(obj, "change/"))
        for suffix in LANGUAGE_SUFFIXES:
            data[f"{field}_{suffix}"] = f"{MARKER} {model.__name__} {suffix}"
        response = editor_client.post(admin_url(obj, "change/"), data)
        assert response.status_code == 302, (model, response.context and response.context.get("errors"))
        items.append(obj)
    assert PendingChange.objects.count() == len(items) == 7
    cache.clear()  # every public answer below is made now, not kept from before the edits
    return items


def public_urls(client, items):
    urls = ["/sitemap.xml", "/robots.txt", *(f"/{lang}/open-data/" for lang in LANGUAGE_PREFIXES)]
    sections = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    urls += [local(url) for url in sections]
    for section in sections:
        urls += [
            local(url)
            for url in re.findall(r"<loc>([^<]+)</loc>", client.get(local(section)).content.decode())
        ]
    for lang in LANGUAGE_PREFIXES:
        feed_list = client.get(f"/{lang}/feeds/").content.decode()
        urls.append(f"/{lang}/feeds/")
        urls += sorted({local(u) for u in re.findall(r'href="([^"]*/feeds/[^"]+/)"', feed_list)})
    for kind in API_KINDS:
        urls.append(f"/api/v1/{kind}.csv")
        page = f"/api/v1/{kind}"
        while page:
            urls.append(page)
            page = client.get(page).json().get("next")
            page = local(page) if page else None
    urls += [f"/api/v1/{kind}/{obj.uuid}" for kind, obj in zip(API_KINDS, sorted_by_kind(items), strict=True)]
    return list(dict.fromkeys(urls))


def sorted_by_kind(items):
    order = ["category", "initiative", "video", "publication", "infographic", "seminar", "city"]
    return sorted(items, key=lambda obj: order.index(obj._meta.model_name))


def test_unpublished_changes_show_nowhere_public(client, publisher_client, pending_items):
    urls = public_urls(client, pending_items)
    assert len(urls) > 500
    feeds = [url for url in urls if "/feeds/" in url]
    assert len(feeds) >= len(LANGUAGE_PREFIXES) * 7
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode("utf-8-sig"), url
    # The markers are there to be found: a publisher's preview shows each one.
    for obj in pending_items:
        preview = publisher_client.get(admin_url(obj, "preview/"))
        assert MARKER in preview.content.decode(), obj


def test_once_approved_the_change_is_found_where_it_was_looked_for(client, publisher, pending_items):
    """The check above can fail: approved, each marker shows on its page, feed and record."""
    from core import workflow

    for obj in pending_items:
        assert workflow.approve(type(obj)._base_manager.get(pk=obj.pk), publisher)
    cache.clear()
    for kind, obj in zip(API_KINDS, sorted_by_kind(pending_items), strict=True):
        assert MARKER in client.get(f"/api/v1/{kind}/{obj.uuid}").content.decode(), kind
        if kind != "cities":
            obj = type(obj)._base_manager.get(pk=obj.pk)
            for lang in ("en", "ja"):
                with translation.override(lang):
                    page = local(obj.get_absolute_url()).split("#")[0]
                assert f"{MARKER} {type(obj).__name__} {lang}" in client.get(page).content.decode(), page
    assert MARKER in client.get("/ja/feeds/all/").content.decode()
