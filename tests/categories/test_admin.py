import datetime

import pytest
from django.contrib.auth.models import Group

from categories.models import Category
from core.models import Status
from core.templatetags.sitemap_xml import w3c_datetime
from tests.factories import make_category
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db


def test_editor_and_publisher_groups_exist_with_their_permissions():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))
    assert {"add_category", "change_category", "change_initiative"} <= editor
    assert "publish_category" not in editor
    assert "delete_category" not in editor
    assert {"publish_category", "publish_initiative", "delete_initiative"} <= publisher


def test_category_admin_list_and_form_load(publisher_client, category):
    assert publisher_client.get("/admin/categories/category/").status_code == 200
    body = publisher_client.get(f"/admin/categories/category/{category.pk}/change/").content.decode()
    assert 'name="title_ja"' in body
    assert 'name="title_zh_hans"' in body


def test_editor_sees_status_as_read_only(editor_client, category):
    body = editor_client.get(f"/admin/categories/category/{category.pk}/change/").content.decode()
    assert 'name="status"' not in body
    assert 'name="publish_at_0"' not in body


def test_rich_text_is_sanitised_on_save(category):
    category.body_en = (
        '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:x()">x</a></p>'
    )
    category.save()
    category.refresh_from_db()
    assert "script" not in category.body_en
    assert "onclick" not in category.body_en
    assert "javascript:" not in category.body_en
    assert "<p>Hello" in category.body_en


def test_view_on_site_previews_a_draft_for_staff(editor_client):
    category = Category.objects.create(number=9, slug="draft", title_en="Draft", status=Status.DRAFT)
    response = editor_client.get(f"/admin/categories/category/{category.pk}/change/")
    assert "/admin/r/" in response.content.decode()
    redirect = editor_client.get(f"/admin/r/{response.context['content_type_id']}/{category.pk}/")
    assert redirect.status_code == 302
    assert editor_client.get(redirect["Location"].replace("http://testserver", "")).status_code == 200


def test_svg_icon_is_refused_with_the_shared_checks_message_and_nothing_is_stored(
    publisher_client, media_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"number": 4, "slug": "participation", "colour": "pink", "status": "draft"}
    for lang in ["en", "ja", "fr", "zh_hans", "ko"]:
        data.update(
            {
                f"title_{lang}": "Participation" if lang == "en" else "",
                f"summary_{lang}": "",
                f"body_{lang}": "",
            }
        )
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    data["icon"] = SimpleUploadedFile("icon.svg", svg, content_type="image/svg+xml")
    response = publisher_client.post("/admin/categories/category/add/", data)
    assert response.status_code == 200
    assert "SVG images are not accepted" in response.content.decode()
    assert not Category.objects.filter(slug="participation").exists()
    assert not any(p.is_file() for p in media_root.rglob("*"))


def backdate(category, days=3):
    earlier = category.updated_at - datetime.timedelta(days=days)
    Category.objects.filter(pk=category.pk).update(updated_at=earlier)


@pytest.mark.parametrize(
    ("action", "before", "after", "message"),
    [
        ("publish_selected", Status.DRAFT, Status.PUBLISHED, "published"),
        ("unpublish_selected", Status.PUBLISHED, Status.DRAFT, "unpublished"),
    ],
)
def test_publish_actions_save_each_item_so_its_timestamp_moves_and_the_change_is_recorded(
    publisher_client, publisher, action, before, after, message
):
    from core.models import Transition

    category = make_category(status=before)
    Category.objects.filter(pk=category.pk).update(
        updated_at=category.updated_at - datetime.timedelta(days=3)
    )
    stale = Category.objects.get(pk=category.pk).updated_at
    response = publisher_client.post(
        "/admin/categories/category/", {"action": action, "_selected_action": [category.pk]}
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.status == after
    assert category.updated_at > stale
    step = Transition.objects.get(object_id=category.pk)
    assert (step.user, step.action) == (publisher, message)
    assert step.revision is not None


def test_sitemap_lastmod_follows_a_publish_action(publisher_client):
    category = make_category(status=Status.DRAFT)
    Category.objects.filter(pk=category.pk).update(
        updated_at=category.updated_at - datetime.timedelta(days=3)
    )
    publisher_client.post(
        "/admin/categories/category/", {"action": "publish_selected", "_selected_action": [category.pk]}
    )
    category.refresh_from_db()
    body = sitemap_xml(publisher_client)
    assert f"<lastmod>{w3c_datetime(category.updated_at)}</lastmod>" in body
