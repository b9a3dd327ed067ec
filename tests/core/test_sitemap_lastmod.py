"""The sitemap's lastmod moves when an item is published, whatever publishes it (issue 7, bug 4).

Each item starts with an old `updated_at`, written with update() as if long untouched;
publishing it through the admin's bulk action, the review step, or approving unpublished
changes must give its sitemap entry (and its section's index entry) today's moment.
"""

import datetime

import pytest
from django.utils import timezone

from core.models import Status
from tests.admin_forms import form_values
from tests.core.test_sitemap import NS, entries, index
from tests.factories import make_category, make_initiative, make_publication, make_seminar, make_video

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)

FACTORIES = {
    "categories": make_category,
    "initiatives": make_initiative,
    "videos": make_video,
    "publications": make_publication,
    "seminars": make_seminar,
}


def admin_url(obj, suffix=""):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{suffix}"


def make(section, status):
    obj = FACTORIES[section](status=status)
    type(obj)._base_manager.filter(pk=obj.pk).update(updated_at=LONG_AGO)
    return obj


def lastmod(client, section, obj):
    path = obj.get_absolute_url().split("/", 2)[2]  # without the language prefix
    found = [
        entry.findtext("sm:lastmod", namespaces=NS)
        for entry in entries(client, section)
        if entry.findtext("sm:loc", namespaces=NS).endswith("/en/" + path)
    ]
    assert len(found) == 1, (section, path, found)
    return datetime.datetime.fromisoformat(found[0])


def assert_just_changed(client, section, obj, before):
    assert lastmod(client, section, obj) >= before.replace(microsecond=0)
    section_lastmod = next(value for url, value in index(client).items() if f"sitemap-{section}.xml" in url)
    assert datetime.datetime.fromisoformat(section_lastmod) >= before.replace(microsecond=0)


@pytest.mark.parametrize("section", list(FACTORIES))
def test_publishing_with_the_admin_action_moves_lastmod(client, publisher_client, section):
    obj = make(section, Status.DRAFT)
    before = timezone.now()
    response = publisher_client.post(
        admin_url(obj), {"action": "publish_selected", "_selected_action": [obj.pk]}
    )
    assert response.status_code == 302
    assert type(obj)._base_manager.get(pk=obj.pk).status == Status.PUBLISHED
    assert_just_changed(client, section, obj, before)


@pytest.mark.parametrize("section", list(FACTORIES))
def test_publishing_from_review_moves_lastmod(client, publisher_client, section):
    obj = make(section, Status.IN_REVIEW)
    before = timezone.now()
    response = publisher_client.post(admin_url(obj, f"{obj.pk}/workflow/publish/"), {"_publish_at": ""})
    assert response.status_code == 302
    assert type(obj)._base_manager.get(pk=obj.pk).status == Status.PUBLISHED
    assert_just_changed(client, section, obj, before)


@pytest.mark.parametrize("section", list(FACTORIES))
def test_approving_unpublished_changes_moves_lastmod(client, editor_client, publisher_client, section):
    obj = make(section, Status.PUBLISHED)
    assert lastmod(client, section, obj) == LONG_AGO
    url = admin_url(obj, f"{obj.pk}/change/")
    field = "title_en"
    data = form_values(editor_client, url)
    data[field] = data[field] + " (revised)"
    data["_submit"] = "1"
    assert editor_client.post(url, data).status_code == 302
    assert lastmod(client, section, obj) == LONG_AGO  # waiting for review: the public page is unchanged
    before = timezone.now()
    assert publisher_client.post(admin_url(obj, f"{obj.pk}/workflow/approve/")).status_code == 302
    assert_just_changed(client, section, obj, before)
