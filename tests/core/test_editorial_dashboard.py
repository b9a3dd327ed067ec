"""The dashboard's editorial panel and the translation overview."""

import pytest

from core import workflow
from core.models import Status
from tests.factories import make_category, make_initiative

pytestmark = pytest.mark.django_db


def test_a_publisher_sees_what_waits_for_review(publisher_client, editor):
    waiting = make_category(status=Status.IN_REVIEW, title_en="Waiting area")
    body = publisher_client.get("/admin/").content.decode()
    assert "Waiting for your review" in body
    assert "Waiting area" in body
    assert f"/admin/categories/category/{waiting.pk}/change/" in body


def test_an_editor_sees_their_drafts_and_what_was_sent_back(editor_client, editor, publisher):
    from tests.admin_forms import form_values

    draft = make_category(status=Status.DRAFT, title_en="My draft area")
    url = f"/admin/categories/category/{draft.pk}/change/"
    data = form_values(editor_client, url)
    data["summary_en"] = "Written by the editor."
    editor_client.post(url, data)
    returned = make_category(status=Status.DRAFT, title_en="Returned area")
    url = f"/admin/categories/category/{returned.pk}/change/"
    data = form_values(editor_client, url)
    data.update({"summary_en": "Please review.", "_submit": "1"})
    editor_client.post(url, data)
    returned.refresh_from_db()
    workflow.send_back(returned, publisher, comment="Add the Korean title.")
    body = editor_client.get("/admin/").content.decode()
    drafts = body[body.index("Your drafts") :]
    sent_back = body[body.index("Sent back to you") : body.index("Your drafts")]
    assert "My draft area" in drafts
    assert "Returned area" in sent_back and "Add the Korean title." in sent_back
    assert "Waiting for your review" not in body


def test_scheduled_and_recently_published_items_are_listed(publisher_client, publisher):
    import datetime

    from django.utils import timezone

    later = make_category(status=Status.DRAFT, title_en="Later area")
    workflow.publish(later, publisher, at=timezone.now() + datetime.timedelta(days=3))
    now = make_category(status=Status.DRAFT, title_en="Now area")
    workflow.publish(now, publisher)
    body = publisher_client.get("/admin/").content.decode()
    scheduled = body[body.index("Scheduled</h3>") : body.index("Recently published")]
    recent = body[body.index("Recently published") :]
    assert "Later area" in scheduled
    assert "Now area" in recent


def test_the_translation_overview_counts_match_the_database(publisher_client):
    complete = make_category(title_en="Area", title_ja="分野", summary_en="", body_en="")
    missing = make_category(title_en="Other area", summary_en="", body_en="")
    outdated = make_category(title_en="Old", title_ja="古い", summary_en="", body_en="")
    outdated.title_en = "Old, renamed"
    outdated.save()
    response = publisher_client.get("/admin/translations/")
    assert response.status_code == 200
    row = next(r for r in response.context["matrix"] if r["label"] == "categories.category")
    assert row["total"] == 3
    assert row["counts"]["ja"] == {"complete": 1, "missing": 1, "outdated": 1}
    assert row["counts"]["fr"] == {"complete": 0, "missing": 3, "outdated": 0}
    drill = publisher_client.get("/admin/translations/categories.category/ja/?state=outdated")
    body = drill.content.decode()
    assert "Old, renamed" in body and "Other area" not in body
    assert f"/admin/categories/category/{outdated.pk}/change/?language=ja" in body
    assert complete.pk and missing.pk


def test_the_overview_is_for_staff_who_edit_content(client, django_user_model):
    assert client.get("/admin/translations/").status_code == 302
    nobody = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(nobody)
    assert client.get("/admin/translations/").status_code == 403


def test_a_translation_is_outdated_when_the_english_changes_after_it(db):
    from core import translations

    category = make_category(title_en="Safety", title_ja="安全")
    assert translations.state(category, "title", "ja") == translations.COMPLETE
    category.title_en = "Safety and Security"
    category.save()
    assert translations.state(category, "title", "ja") == translations.OUTDATED
    category.title_ja = "安全・安心"
    category.save()
    assert translations.state(category, "title", "ja") == translations.COMPLETE
    assert make_initiative(category=category).translation_meta == {}


def test_recently_published_includes_what_the_content_loader_published(publisher_client):
    from core.models import Transition

    loaded = make_category(title_en="Loaded area")
    workflow.log(loaded, Transition.Action.LOADED, None)
    body = publisher_client.get("/admin/").content.decode()
    recent = body[body.index("Recently published") :]
    assert "Loaded area" in recent and "Loaded from the content files" in recent


def test_the_database_counts_each_state_as_python_judges_it(db):
    from categories.models import Category
    from core import translations

    make_category(title_en="Area", title_ja="分野", title_zh_hans="领域", summary_en="", body_en="")
    make_category(title_en="Other area", summary_en="", body_en="")
    renamed = make_category(title_en="Old  \n", title_ja="古い", title_fr="Vieux", summary_en="", body_en="")
    renamed.title_en = "Old, renamed\u3000"
    renamed.save()
    spaced = make_category(title_en="Spaced", title_ko="간격", summary_en="", body_en="")
    spaced.title_en = " Spaced\n"  # the same text once trimmed: still current
    spaced.save()
    lost = make_category(title_en="Lost", title_fr="Perdu", summary_en="Words.", body_en="")
    lost.translation_meta["fr"]["title"].pop("src")
    lost.save(update_fields=["translation_meta"])
    states = (translations.COMPLETE, translations.MISSING, translations.OUTDATED)
    expected = {lang: dict.fromkeys(states, 0) for lang in translations.TARGET_LANGUAGES}
    objects = list(Category.objects.all())
    for obj in objects:
        for lang in translations.TARGET_LANGUAGES:
            state = translations.object_state(obj, lang)
            if state:
                expected[lang][state] += 1
    total, counted = translations.count_states(Category)
    assert total == len(objects) == 5
    assert counted == expected
    assert counted["ja"]["outdated"] == 1 and counted["fr"]["outdated"] == 2
    # Korean: the English changed only in the spaces around it; Chinese: one complete.
    assert counted["ko"]["complete"] == 1 and counted["zh-hans"]["complete"] == 1


def test_the_drill_down_lists_the_first_items_and_says_how_many(publisher_client, monkeypatch):
    from core import editorial_views

    monkeypatch.setattr(editorial_views, "DRILL_DOWN_LIMIT", 2)
    for number in range(3):
        make_category(title_en=f"Area {number}", summary_en="", body_en="")
    body = publisher_client.get("/admin/translations/categories.category/ja/?state=missing").content.decode()
    assert "Area 0" in body and "Area 1" in body and "Area 2" not in body
    assert "The first 2 of 3 are listed here." in body
