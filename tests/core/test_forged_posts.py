"""An editor's forged POSTs cannot take an item in review any further, for every content model.

In review's successors are Published, Scheduled (published with a future moment) and,
by a publisher's "send back", Draft. An editor may only ask for review; every way a
browser could post the other steps (the workflow URLs, the change form's buttons and
fields, the list's bulk actions) leaves the item, its dates and its steps as they were.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.models import PendingChange, Status, Transition
from tests.admin_forms import form_values
from tests.factories import (
    make_category,
    make_city,
    make_infographic,
    make_initiative,
    make_publication,
    make_seminar,
    make_video,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "category": make_category,
    "initiative": make_initiative,
    "video": make_video,
    "publication": make_publication,
    "infographic": make_infographic,
    "seminar": make_seminar,
    "city": make_city,
}


@pytest.fixture(params=list(FACTORIES))
def in_review(request):
    return FACTORIES[request.param](status=Status.IN_REVIEW)


def admin_url(obj, suffix=""):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{suffix}"


def later():
    return (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")


def assert_untouched(obj):
    stored = type(obj)._base_manager.get(pk=obj.pk)
    assert stored.status == Status.IN_REVIEW
    assert stored.publish_at is None
    assert stored.first_published_at is None
    assert not type(obj).objects.live().filter(pk=obj.pk).exists()
    # Saving the content is an editor's to do; a step beyond review is not.
    steps = Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).exclude(action__in=[Transition.Action.SAVED, Transition.Action.CREATED])
    assert not steps.exists(), list(steps)


@pytest.mark.parametrize(
    "step, data",
    [
        ("publish", {}),
        ("publish", {"_publish_at": "later"}),  # scheduling
        ("approve", {}),
        ("send_back", {"_comment": "Forged"}),
        ("unpublish", {}),
        ("discard", {}),
    ],
    ids=["publish", "schedule", "approve", "send_back", "unpublish", "discard"],
)
def test_an_editors_forged_workflow_step_leaves_an_item_in_review(editor_client, in_review, step, data):
    data = {key: later() if value == "later" else value for key, value in data.items()}
    response = editor_client.post(admin_url(in_review, f"{in_review.pk}/workflow/{step}/"), data)
    assert response.status_code in (302, 403)
    assert_untouched(in_review)


def test_an_editors_forged_change_form_cannot_publish_or_schedule(editor_client, in_review):
    url = admin_url(in_review, f"{in_review.pk}/change/")
    data = form_values(editor_client, url)
    data.update(
        {
            "status": Status.PUBLISHED,
            "publish_at_0": later()[:10],
            "publish_at_1": later()[11:],
            "publish_at": later(),
            "_publish": "1",
        }
    )
    editor_client.post(url, data)
    assert_untouched(in_review)


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected"])
def test_an_editors_forged_bulk_action_changes_nothing(editor_client, in_review, action):
    editor_client.post(admin_url(in_review), {"action": action, "_selected_action": [in_review.pk]})
    assert_untouched(in_review)


def test_an_editors_forged_approval_leaves_unpublished_changes_waiting(editor_client, client):
    category = make_category(slug="area", title_en="Old title")
    url = admin_url(category, f"{category.pk}/change/")
    editor_client.post(url, {**form_values(editor_client, url), "title_en": "New title", "_submit": "1"})
    assert PendingChange.objects.get().state == PendingChange.State.IN_REVIEW
    for step in ("approve", "publish"):
        editor_client.post(admin_url(category, f"{category.pk}/workflow/{step}/"), {"_publish_at": later()})
    assert PendingChange.objects.get().state == PendingChange.State.IN_REVIEW
    assert type(category)._base_manager.get(pk=category.pk).title_en == "Old title"
    assert "New title" not in client.get("/en/categories/area/").content.decode()
