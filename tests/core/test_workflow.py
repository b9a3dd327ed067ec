"""The editorial workflow: review states, unpublished changes, history, restore."""

import datetime

import pytest
from django.utils import timezone

from categories.models import Category
from core import revisions, workflow
from core.models import PendingChange, Status, Transition
from tests.admin_forms import form_values
from tests.factories import make_category, make_initiative

pytestmark = pytest.mark.django_db


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def step_url(obj, step):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/workflow/{step}/"


def edit(client, obj, **changes):
    data = form_values(client, change_url(obj))
    data.update(changes)
    return client.post(change_url(obj), data)


# An editor's draft, reviewed ---------------------------------------------------------


def test_an_editor_submits_a_draft_and_a_publisher_publishes_it(editor_client, client, publisher):
    category = make_category(status=Status.DRAFT, slug="area")
    response = edit(editor_client, category, title_en="A new area", _submit="1")
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.status == Status.IN_REVIEW
    assert client.get("/en/categories/area/").status_code == 404
    assert workflow.publish(category, publisher)
    category.refresh_from_db()
    assert category.status == Status.PUBLISHED
    assert category.first_published_at is not None
    assert client.get("/en/categories/area/").status_code == 200
    actions = list(Transition.objects.order_by("at", "pk").values_list("action", flat=True))
    assert actions[-2:] == [Transition.Action.SUBMITTED, Transition.Action.PUBLISHED]


def test_a_publisher_sends_a_draft_back_with_a_comment_the_editor_sees(editor_client, publisher_client):
    category = make_category(status=Status.IN_REVIEW)
    response = publisher_client.post(step_url(category, "send_back"), {"_comment": "Add the Korean title."})
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.status == Status.DRAFT
    body = editor_client.get(change_url(category)).content.decode()
    assert "Sent back by publisher" in body
    assert "Add the Korean title." in body


def test_sending_back_needs_a_comment(publisher_client):
    category = make_category(status=Status.IN_REVIEW)
    publisher_client.post(step_url(category, "send_back"), {"_comment": " "})
    category.refresh_from_db()
    assert category.status == Status.IN_REVIEW


def test_a_publisher_schedules_an_item(publisher_client, client):
    category = make_category(status=Status.IN_REVIEW, slug="later")
    when = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    publisher_client.post(step_url(category, "publish"), {"_publish_at": when})
    category.refresh_from_db()
    assert category.status == Status.PUBLISHED
    assert not category.is_live
    assert client.get("/en/categories/later/").status_code == 404
    assert Transition.objects.filter(action=Transition.Action.SCHEDULED).exists()


# The server decides --------------------------------------------------------------------


@pytest.mark.parametrize("step", ["publish", "approve", "send_back", "unpublish"])
def test_an_editors_forged_workflow_step_changes_nothing(editor_client, step):
    category = make_category(status=Status.IN_REVIEW)
    response = editor_client.post(step_url(category, step), {"_comment": "Forged", "_publish_at": ""})
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.status == Status.IN_REVIEW
    assert not category.first_published_at
    assert (
        not Transition.objects.exclude(action=Transition.Action.SUBMITTED)
        .filter(object_id=category.pk)
        .exists()
    )


def test_an_editors_forged_publish_button_and_status_field_change_nothing(editor_client):
    category = make_category(status=Status.IN_REVIEW)
    edit(editor_client, category, status="published", _publish="1")
    category.refresh_from_db()
    assert category.status == Status.IN_REVIEW


def test_an_editors_forged_approval_of_an_unpublished_change_publishes_nothing(editor_client, client):
    category = make_category(slug="area", title_en="Old title")
    edit(editor_client, category, title_en="New title")
    editor_client.post(step_url(category, "approve"))
    assert Category.objects.get(pk=category.pk).title_en == "Old title"
    assert "New title" not in client.get("/en/categories/area/").content.decode()


# Unpublished changes to a published item ------------------------------------------------


def test_an_editors_change_to_a_live_item_shows_nowhere_public_until_approved(
    editor_client, client, publisher
):
    category = make_category(slug="area", title_en="Old title")
    make_initiative(category=category, slug="poles")
    response = edit(editor_client, category, title_en="Secret new title")
    assert response.status_code == 302
    assert Category.objects.get(pk=category.pk).title_en == "Old title"
    public = ["/en/", "/en/categories/", "/en/categories/area/", "/en/initiatives/", "/en/initiatives/poles/"]
    for url in [*public, "/sitemap.xml"]:
        assert "Secret new title" not in client.get(url).content.decode(), url
    pending = PendingChange.objects.get()
    assert pending.state == PendingChange.State.DRAFT
    # The editor keeps working on the unpublished version.
    assert 'value="Secret new title"' in editor_client.get(change_url(category)).content.decode()
    workflow.approve(Category.objects.get(pk=category.pk), publisher)
    assert "Secret new title" in client.get("/en/categories/area/").content.decode()
    assert not PendingChange.objects.exists()


def test_the_unpublished_change_can_be_previewed_by_staff_only(editor_client, client):
    category = make_category(slug="area", title_en="Old title")
    edit(editor_client, category, title_en="Previewed title")
    url = f"/admin/categories/category/{category.pk}/preview/"
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Previewed title" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert Category.objects.get(pk=category.pk).title_en == "Old title"
    assert client.get(url).status_code == 302  # to the admin's login


def test_submitting_an_unpublished_change_puts_it_in_review(editor_client):
    category = make_category(title_en="Old title")
    edit(editor_client, category, title_en="New title", _submit="1")
    assert PendingChange.objects.get().state == PendingChange.State.IN_REVIEW


def test_a_publisher_saving_an_item_with_an_unpublished_change_publishes_it(editor_client, publisher_client):
    category = make_category(title_en="Old title")
    edit(editor_client, category, title_en="Editor's title")
    form = form_values(publisher_client, change_url(category))
    assert form["title_en"] == "Editor's title"
    publisher_client.post(change_url(category), form)
    assert Category.objects.get(pk=category.pk).title_en == "Editor's title"
    assert not PendingChange.objects.exists()


def test_discarding_an_unpublished_change_keeps_the_published_item(editor_client, publisher_client):
    category = make_category(title_en="Old title")
    edit(editor_client, category, title_en="New title")
    publisher_client.post(step_url(category, "discard"))
    assert not PendingChange.objects.exists()
    assert Category.objects.get(pk=category.pk).title_en == "Old title"


def test_publishing_with_a_note_records_it_and_a_minor_edit_keeps_the_public_date(publisher_client):
    category = make_category(title_en="Title")
    before = Category.objects.get(pk=category.pk).public_updated_at
    edit(publisher_client, category, title_en="Title, corrected", _minor="on")
    assert Category.objects.get(pk=category.pk).public_updated_at == before
    edit(publisher_client, category, summary_en="A new summary.", _change_note="Rewrote the summary")
    category.refresh_from_db()
    assert category.public_updated_at != before
    assert [entry["note"] for entry in category.change_notes] == ["Rewrote the summary"]


# History -------------------------------------------------------------------------------


def test_history_of_an_item_edited_twice_shows_old_and_new_titles_in_the_comparison(publisher_client):
    category = make_category(title_en="First title")
    edit(publisher_client, category, title_en="Second title")
    edit(publisher_client, category, title_en="Third title")
    history = publisher_client.get(f"/admin/categories/category/{category.pk}/history/").content.decode()
    assert "Compare with the revision before" in history
    newest, previous = revisions.revisions_of(category)[:2]
    url = f"/admin/categories/category/{category.pk}/history/compare/?from={previous.pk}&to={newest.pk}"
    body = publisher_client.get(url).content.decode()
    assert "<del>Second title</del>" in body
    assert "<ins>Third title</ins>" in body
    assert "Title [en]" in body


def test_an_unchanged_save_records_no_change(publisher_client):
    category = make_category(title_en="Title", summary_en="One.\nTwo.")
    edit(publisher_client, category, title_en="Title, edited")
    count = revisions.revisions_of(category).count()
    edit(publisher_client, category)  # the form as it is, with the browser's \r\n line endings
    assert revisions.revisions_of(category).count() == count


def test_the_comparison_names_a_replaced_file(publisher_client, png_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    category = make_category()
    edit(publisher_client, category, icon=SimpleUploadedFile("first.png", png_bytes, "image/png"))
    edit(publisher_client, category, icon=SimpleUploadedFile("second.png", png_bytes, "image/png"))
    newest, previous = revisions.revisions_of(category)[:2]
    url = f"/admin/categories/category/{category.pk}/history/compare/?from={previous.pk}&to={newest.pk}"
    body = publisher_client.get(url).content.decode()
    assert "categories/first" in body
    assert "categories/second" in body
    assert "(file)" in body


def test_restoring_a_revision_of_a_published_item_creates_an_unpublished_change(publisher_client, client):
    category = make_category(slug="area", title_en="Zero")
    edit(publisher_client, category, title_en="First title")
    edit(publisher_client, category, title_en="Second title")
    oldest = revisions.revisions_of(category).last()
    response = publisher_client.post(f"/admin/categories/category/{category.pk}/history/{oldest.pk}/restore/")
    assert response.status_code == 302
    pending = PendingChange.objects.get()
    assert pending.state == PendingChange.State.IN_REVIEW
    assert "Second title" in client.get("/en/categories/area/").content.decode()
    workflow.approve(Category.objects.get(pk=category.pk), pending.author)
    assert Category.objects.get(pk=category.pk).title_en == "First title"


def test_an_editor_cannot_restore(editor_client, publisher_client):
    category = make_category(title_en="Zero")
    edit(publisher_client, category, title_en="First title")
    edit(publisher_client, category, title_en="Second title")
    oldest = revisions.revisions_of(category).last()
    editor_client.post(f"/admin/categories/category/{category.pk}/history/{oldest.pk}/restore/")
    assert not PendingChange.objects.exists()


def test_publish_and_unpublish_actions_record_revisions_and_steps(publisher_client, publisher):
    category = make_category(status=Status.DRAFT)
    publisher_client.post(
        "/admin/categories/category/", {"action": "publish_selected", "_selected_action": [category.pk]}
    )
    step = Transition.objects.get(action=Transition.Action.PUBLISHED)
    assert step.user == publisher and step.revision is not None


def test_a_page_shows_when_it_was_published_and_last_updated_with_its_notes(publisher_client, client):
    category = make_category(slug="area")
    Category.objects.filter(pk=category.pk).update(
        first_published_at=timezone.make_aware(datetime.datetime(2021, 7, 8, 12)),
        public_updated_at=timezone.make_aware(datetime.datetime(2021, 7, 8, 12)),
    )
    edit(publisher_client, category, summary_en="A new summary.", _change_note="Added the French edition")
    body = client.get("/en/categories/area/").content.decode()
    today = timezone.localdate()
    assert 'Published <time datetime="2021-07-08">8 July 2021</time>' in body
    assert f'Last updated <time datetime="{today:%Y-%m-%d}">' in body
    assert "Added the French edition" in body
    assert "<details" in body
