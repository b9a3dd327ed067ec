"""The editorial workflow as staff and visitors live it, in a real browser: an editor
writes, a publisher reviews and publishes, a visitor sees only what is published."""

import re

import pytest
from django.contrib.auth.models import Group, User

from core.standins import standin_pdf
from tests.browser.support import PASSWORD, playwright_api
from tests.factories import make_category, make_initiative

expect = playwright_api().expect

# One worker runs them all under xdist: one live server and one Chromium, not one per worker.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


def staff(username, group):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def language_tab(page, field, language):
    """The tab (en, ja, fr...) above a translated field."""
    return page.locator(f'[role="tab"][aria-controls="tab_id_{field}_{language}"]')


def visible(locator):
    """Of a translated field's inputs (one per language, all labelled alike), the one
    whose tab is open."""
    return locator.filter(visible=True)


def change_form(initiative):
    return f"/admin/initiatives/initiative/{initiative.pk}/change/"


def test_an_editor_writes_an_initiative_and_a_publisher_publishes_it(open_window, tmp_path):
    make_category(number=1, slug="safety-and-security", title_en="Safety and Security")
    staff("erin", "Editor")
    staff("paul", "Publisher")
    pdf = tmp_path / "crisis-management.pdf"
    pdf.write_bytes(standin_pdf("Crisis management", pages=2))

    editor = open_window()
    sign_in(editor, "erin")
    editor.goto("/admin/initiatives/initiative/add/")
    editor.get_by_label("Number").fill("1")
    visible(editor.get_by_label("Title")).fill("Crisis management")
    language_tab(editor, "title", "ja").click()
    visible(editor.get_by_label("Title")).fill("危機管理")
    expect(editor.get_by_label("Slug")).to_have_value("crisis-management")
    editor.locator(".field-category").get_by_role("combobox").click()
    editor.locator(".select2-container--open").get_by_role("searchbox").fill("Safety")
    editor.get_by_role("option", name="Safety and Security").click()
    visible(editor.get_by_label("Summary")).fill("How the city prepares for emergencies.")
    body = editor.locator(".field-body_en")
    body.locator('[contenteditable="true"]').click()
    editor.keyboard.type("The plan covers ")
    body.get_by_role("button", name="bold").click()  # bold on
    editor.keyboard.type("every ward")
    body.get_by_role("button", name="bold").click()  # and off
    editor.keyboard.type(".")
    editor.keyboard.press("Enter")
    editor.keyboard.type("Drills take place each year.")
    language_tab(editor, "body", "ja").click()
    editor.locator(".field-body_ja").locator('[contenteditable="true"]').click()
    editor.keyboard.type("計画は")
    editor.locator(".field-body_ja").get_by_role("button", name="bold").click()
    editor.keyboard.type("すべての区")
    editor.locator(".field-body_ja").get_by_role("button", name="bold").click()
    editor.keyboard.type("を対象とします。")
    editor.keyboard.press("Enter")
    editor.keyboard.type("訓練は毎年行われます。")
    editor.get_by_role("button", name="Add another Document").click()
    document = editor.get_by_role("group", name="Documents").locator("tr.dynamic-documents")
    document.get_by_role("combobox").select_option("en")
    document.locator('input[type="file"]').set_input_files(pdf)
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.get_by_text("Submitted for review")).to_be_visible()

    publisher = open_window()
    sign_in(publisher, "paul")
    waiting = publisher.get_by_role("list", name="Waiting for your review")
    waiting.get_by_role("link", name="Crisis management").click()
    publisher.get_by_role("button", name="Save and publish", exact=True).click()
    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")

    visitor = open_window()
    visitor.goto("/en/initiatives/")
    visitor.get_by_role("link", name="Crisis management").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Crisis management")
    prose = visitor.locator(".prose")
    expect(prose.locator("p")).to_have_text(["The plan covers every ward.", "Drills take place each year."])
    expect(prose.locator("p strong")).to_have_text("every ward")
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=re.compile("Download the document")).click()
    assert download.value.path().read_bytes() == pdf.read_bytes()
    visitor.goto("/ja/initiatives/")
    visitor.get_by_role("link", name="危機管理").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("危機管理")
    prose = visitor.locator(".prose")
    expect(prose.locator("p")).to_have_text(["計画はすべての区を対象とします。", "訓練は毎年行われます。"])
    expect(prose.locator("p strong")).to_have_text("すべての区")


def test_an_editors_change_to_a_live_page_waits_for_a_publisher(open_window):
    initiative = make_initiative(title_en="Crisis management")
    staff("erin", "Editor")
    staff("paul", "Publisher")
    public_page = initiative.get_absolute_url()

    editor = open_window()
    sign_in(editor, "erin")
    editor.goto(change_form(initiative))
    visible(editor.get_by_label("Title")).fill("Crisis management and recovery")
    editor.get_by_role("button", name="Save unpublished changes").click()
    expect(editor.get_by_text("Saved as unpublished changes")).to_be_visible()

    visitor = open_window()
    visitor.goto(public_page)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Crisis management")

    publisher = open_window()
    sign_in(publisher, "paul")
    publisher.goto(change_form(initiative))
    expect(publisher.get_by_text("This page has unpublished changes.")).to_be_visible()
    expect(visible(publisher.get_by_label("Title"))).to_have_value("Crisis management and recovery")
    publisher.get_by_role("link", name="Preview the unpublished changes").click()
    expect(publisher.get_by_role("heading", level=1)).to_have_text("Crisis management and recovery")
    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Crisis management")
    publisher.go_back()
    publisher.get_by_role("button", name="Save and publish the changes").click()
    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")

    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Crisis management and recovery")


def test_a_publisher_restores_an_earlier_revision_from_the_history(open_window):
    initiative = make_initiative(title_en="Title A")
    staff("paul", "Publisher")
    publisher = open_window()
    sign_in(publisher, "paul")
    for title in ("Title B", "Title C"):
        publisher.goto(change_form(initiative))
        visible(publisher.get_by_label("Title")).fill(title)
        publisher.get_by_role("button", name="Save and publish", exact=True).click()
        expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")

    publisher.goto(change_form(initiative))
    publisher.get_by_role("link", name="History").click()
    revisions = publisher.locator("#revision-list tbody tr")
    expect(revisions).to_have_count(2)  # newest first: C (the live one), then B
    revisions.nth(1).get_by_role("button", name="Restore as unpublished changes").click()
    expect(publisher.get_by_text("The revision is back as unpublished changes")).to_be_visible()
    expect(publisher.get_by_text("This page has unpublished changes.")).to_be_visible()
    expect(visible(publisher.get_by_label("Title"))).to_have_value("Title B")

    visitor = open_window()
    visitor.goto(initiative.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Title C")
    publisher.get_by_role("button", name="Save and publish the changes").click()
    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")
    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Title B")


ADMIN_LANGUAGES = {"en": "en-GB", "ja": "ja-JP", "fr": "fr-FR", "zh-hans": "zh-CN", "ko": "ko-KR"}


@pytest.mark.parametrize("language", list(ADMIN_LANGUAGES))
def test_every_change_form_fits_a_1280_pixel_window_in_every_language(request, live_server, language):
    """No horizontal scroll on any content model's change form at 1280 px, whatever the
    admin's language (Japanese, Chinese and Korean labels are set in CJK fonts)."""
    from tests.factories import (
        make_city,
        make_edition,
        make_infographic,
        make_publication,
        make_seminar,
        make_video,
    )

    initiative = make_initiative(title_en="Crisis management", title_ja="危機管理")
    publication = make_publication()
    items = [
        initiative.category,
        initiative,
        make_video(),
        publication,
        make_edition(publication),
        make_infographic(),
        make_seminar(),
        make_city(),
    ]
    staff("paul", "Publisher")
    context = request.getfixturevalue("new_context")(
        locale=ADMIN_LANGUAGES[language], viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.locator("#id_username").fill("paul")
    page.locator("#id_password").fill(PASSWORD)
    page.locator('input[type="submit"]').click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("html").get_attribute("lang") == language
    for obj in items:
        page.goto(f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/")
        page.wait_for_load_state("load")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1] == 1280, (language, obj._meta.model_name, widths)
