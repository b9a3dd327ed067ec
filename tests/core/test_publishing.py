"""The one rule for "the public may see this": live()."""

import datetime

import pytest
from django.utils import timezone

from categories.models import Category
from core.models import Status
from initiatives.models import Initiative
from tests.factories import future, make_category, make_initiative

pytestmark = pytest.mark.django_db


def test_live_includes_published_items_without_publish_at():
    category = make_category(status=Status.PUBLISHED)
    assert list(Category.objects.live()) == [category]


def test_live_excludes_drafts():
    make_category(status=Status.DRAFT)
    assert not Category.objects.live().exists()


def test_live_excludes_published_items_scheduled_for_the_future():
    make_category(status=Status.PUBLISHED, publish_at=future(days=2))
    assert not Category.objects.live().exists()


def test_live_includes_items_whose_publish_at_has_passed():
    category = make_category(
        status=Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert list(Category.objects.live()) == [category]
    assert category.is_live


def test_draft_with_past_publish_at_stays_hidden():
    make_category(status=Status.DRAFT, publish_at=timezone.now() - datetime.timedelta(days=1))
    assert not Category.objects.live().exists()


def test_initiative_of_a_draft_category_is_not_live():
    category = make_category(status=Status.DRAFT)
    initiative = make_initiative(category=category, status=Status.PUBLISHED)
    assert not Initiative.objects.live().exists()
    assert not initiative.is_live


def test_visible_to_gives_staff_with_change_permission_every_item(editor):
    make_category(status=Status.DRAFT)
    assert Category.objects.visible_to(editor).count() == 1


def test_visible_to_gives_staff_without_change_permission_only_live_items(django_user_model):
    user = django_user_model.objects.create_user("nobody", is_staff=True)
    make_category(status=Status.DRAFT)
    assert not Category.objects.visible_to(user).exists()
