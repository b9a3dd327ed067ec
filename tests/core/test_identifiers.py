"""Every public item has a UUID (the open data's identifier): stable, unique, the same on
every installation for the content the portal ships, shown in the admin."""

import uuid

import pytest
from django.apps import apps

from categories.models import Category
from core.content import content_uuid
from core.migration_helpers import fill_uuids
from initiatives.models import Initiative
from media_library.models import Infographic, Publication, Video
from seminars.models import City, Seminar
from tests.factories import make_video

PUBLIC_MODELS = (Category, Initiative, Video, Publication, Infographic, City, Seminar)

pytestmark = pytest.mark.usefixtures("legacy_content")


class TestShippedContent:
    def test_every_item_has_the_identifier_of_its_natural_key(self):
        for model in PUBLIC_MODELS:
            key = "number" if model in (Category, Initiative) else "slug"
            items = list(model.objects.all())
            assert items, model
            for item in items:
                assert item.uuid == content_uuid(model, {key: getattr(item, key)})

    def test_identifiers_are_fixed_values_on_every_installation(self):
        # Derived, not random: a data user comparing two installations finds the same ids.
        assert Category.objects.get(number=1).uuid == uuid.uuid5(
            uuid.UUID("6c1f4c1e-2f0b-5c43-9a55-1e9dadd3a000"), "categories.category:number=1"
        )

    def test_the_migration_gives_existing_rows_the_loaders_identifier(self):
        category = Category.objects.get(number=1)
        loaded = category.uuid
        Category.objects.filter(pk=category.pk).update(uuid=uuid.uuid4())
        fill_uuids(apps, "categories", {"Category": "number"})
        category.refresh_from_db()
        assert category.uuid == loaded

    def test_the_admin_shows_the_identifier(self, publisher_client):
        category = Category.objects.get(number=1)
        page = publisher_client.get(f"/admin/categories/category/{category.pk}/change/")
        assert str(category.uuid) in page.content.decode()
        assert 'name="uuid"' not in page.content.decode()


def test_an_item_made_in_the_admin_gets_a_random_identifier():
    first, second = make_video(slug="new-one"), make_video(slug="new-two")
    assert first.uuid and second.uuid and first.uuid != second.uuid
    assert first.uuid.version == 4


def test_the_identifier_never_changes_when_the_item_does():
    category = Category.objects.get(number=1)
    before = category.uuid
    category.slug = "renamed"
    category.save()
    category.refresh_from_db()
    assert category.uuid == before


def test_the_loader_leaves_an_identifier_taken_by_a_renamed_item():
    """A shipped video renamed by an editor keeps its UUID; were the loader to make the
    file's video again under its old slug, it would give it another one."""
    from core.content import ContentLoader

    video = Video.objects.first()
    old_slug = video.slug
    Video.objects.filter(pk=video.pk).update(slug="renamed")
    again = Video(slug=old_slug)
    ContentLoader()._identify(again, {"slug": old_slug})
    assert again.uuid != video.uuid
    fresh = Video(slug="never-shipped")
    ContentLoader()._identify(fresh, {"slug": "never-shipped"})
    assert fresh.uuid == content_uuid(Video, {"slug": "never-shipped"})


def test_shipped_items_are_first_published_when_loaded():
    for model in PUBLIC_MODELS:
        for item in model.objects.filter(status="published"):
            assert item.first_published_at and item.public_updated_at, (model, item)
