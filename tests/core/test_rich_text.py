"""Rich-text bodies: the admin's editor, the sanitiser it agrees with, what the editor is
told when markup is removed, and plain-text bodies from before the editor."""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django_prose_editor.config import allowlist_from_extensions

from categories.models import Category
from core.forms import RichTextFormField
from core.html import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EDITOR_EXTENSIONS,
    as_html,
    removed_markup,
    sanitise_html,
)
from tests.admin_forms import form_values
from tests.factories import make_category, make_initiative, make_seminar

LANGUAGES = ["en", "ja", "fr", "zh_hans", "ko"]

# Everything the editor's toolbar makes, as it serialises it, and a language of parts.
ALLOWED_MARKUP = (
    "<h2>Heading</h2><h3>Smaller</h3><h4>Smallest</h4>"
    '<p>Text with <strong>bold</strong>, <em>italic</em>, a <a href="https://example.org/" '
    'title="Example">link</a> and<br>a line break.</p><p lang="ja">日本語</p>'
    "<ul><li><p>One</p></li><li><p>Two</p></li></ul>"
    '<ol start="3"><li><p>Three</p></li></ol>'
    "<blockquote><p>Quoted</p></blockquote>"
)


def change_url(category):
    return f"/admin/categories/category/{category.pk}/change/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html):
    parser = _Tags()
    parser.feed(html)
    return parser.tags


# The admin's editor


@pytest.mark.django_db
def test_the_category_form_has_the_editor_for_body_in_every_language(publisher_client):
    page = publisher_client.get(change_url(make_category())).content.decode()
    textareas = {a["name"]: a for tag, a in tags_of(page) if tag == "textarea"}
    for lang in LANGUAGES:
        editor = textareas[f"body_{lang}"]
        config = json.loads(editor["data-django-prose-editor-portal"])
        assert EDITOR_EXTENSIONS.items() <= config["extensions"].items()
        others = {"Table", "Image", "HTML", "Underline", "Strike", "CodeBlock", "TextAlign"}
        assert not others & config["extensions"].keys()
        assert editor["data-prose-editor-module"] == "/static/django_prose_editor/editor.js"
    # Other text fields stay plain textareas.
    assert "data-django-prose-editor-portal" not in textareas["summary_en"]


@pytest.mark.django_db
@pytest.mark.parametrize("make", [make_initiative, make_seminar])
def test_initiatives_and_seminars_have_the_editor_for_body_too(publisher_client, make):
    obj = make()
    page = publisher_client.get(f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/")
    textareas = {a["name"]: a for tag, a in tags_of(page.content.decode()) if tag == "textarea"}
    assert all("data-django-prose-editor-portal" in textareas[f"body_{lang}"] for lang in LANGUAGES)


@pytest.mark.django_db
def test_the_editor_comes_from_our_static_files_without_inline_script(publisher_client):
    page = publisher_client.get(change_url(make_category())).content.decode()
    tags = tags_of(page)
    # Data for scripts (Django's json_script, type="application/json") is not executed.
    scripts = [a for tag, a in tags if tag == "script" and a.get("type") != "application/json"]
    assert all("src" in a for a in scripts), "an inline script (an import map?) on the admin page"
    sources = [a["src"] for a in scripts] + [a["href"] for tag, a in tags if tag == "link" and "href" in a]
    editor_files = [s for s in sources if "prose_editor" in s or "rich-text-editor" in s]
    assert {
        "/static/django_prose_editor/editor.js",
        "/static/admin/rich-text-editor.js",
        "/static/django_prose_editor/editor.css",
    } <= set(editor_files)
    for source in editor_files:
        assert source.startswith(settings.STATIC_URL)
        assert finders.find(source.removeprefix(settings.STATIC_URL)), source
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def test_what_the_editor_can_make_is_what_the_sanitiser_keeps():
    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)
    # Bold and italic from before the editor may be <b> and <i>; the editor writes <strong>, <em>.
    assert editor["tags"] == ALLOWED_TAGS - {"b", "i"}
    for tag, names in editor["attributes"].items():
        # The sanitiser sets every link's rel itself; an ordered list's type only comes in pasted.
        ignored = {"a": {"rel"}, "ol": {"type", "data-type"}}.get(tag, set())
        assert names - ignored <= ALLOWED_ATTRIBUTES[tag] | ALLOWED_ATTRIBUTES["*"], tag


# Saving through the admin


@pytest.mark.django_db
def test_script_and_onclick_are_removed_from_a_body_and_the_editor_is_told(publisher_client):
    category = make_category()
    data = form_values(publisher_client, change_url(category))
    data["body_fr"] = '<p onclick="steal()">Bonjour <script>alert(1)</script>le monde.</p>'
    response = publisher_client.post(change_url(category), data, follow=True)
    assert Category.objects.get(pk=category.pk).body_fr == "<p>Bonjour le monde.</p>"
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert [str(m) for m in warnings] == [
        "Body [fr]: removed <script> and the onclick attribute; the rest was saved."
    ]
    assert "Body [fr]: removed &lt;script&gt; and the onclick attribute" in response.content.decode()


@pytest.mark.django_db
def test_the_removal_message_is_in_the_editors_language(publisher_client):
    category = make_category()
    data = form_values(publisher_client, change_url(category))
    data["body_ja"] = "<p>こんにちは</p><table><tr><td>表</td></tr></table>"
    response = publisher_client.post(change_url(category), data, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    assert (
        "Texte [ja]\u00a0: éléments retirés\u00a0: <table>, <td> et <tr>\u00a0; le reste a été enregistré."
        in messages_of(response)
    )


@pytest.mark.django_db
def test_the_allowed_markup_survives_a_save_without_a_warning(publisher_client):
    category = make_category()
    data = form_values(publisher_client, change_url(category))
    data["body_en"] = ALLOWED_MARKUP
    response = publisher_client.post(change_url(category), data, follow=True)
    stored = Category.objects.get(pk=category.pk).body_en
    assert stored == ALLOWED_MARKUP.replace('title="Example"', 'title="Example" rel="noopener noreferrer"')
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


@pytest.mark.django_db
def test_a_plain_text_body_is_shown_to_the_editor_as_paragraphs(publisher_client):
    category = make_category(body_en="First paragraph.\n\nSecond,\non two lines.")
    data = form_values(publisher_client, change_url(category))
    assert data["body_en"] == "<p>First paragraph.</p><p>Second,<br>on two lines.</p>"
    publisher_client.post(change_url(category), data)
    assert Category.objects.get(pk=category.pk).body_en == data["body_en"]


def test_an_empty_editor_saves_an_empty_body():
    assert RichTextFormField(required=False).clean("<p></p>") == ""


def test_a_body_the_editor_only_reformatted_has_not_changed():
    field = RichTextFormField(required=False)
    stored = "<h2>Welcome</h2> <p>It’s   here.</p>"
    assert not field.has_changed(stored, "<h2>Welcome</h2><p>It’s here.</p>")
    assert not field.has_changed("One.\n\nTwo.", "<p>One.</p><p>Two.</p>")
    assert not field.has_changed(None, "<p></p>")
    assert field.has_changed(stored, "<h2>Welcome</h2><p>It’s there.</p>")


# What was removed


def test_removed_markup_lists_removed_tags_and_attributes():
    submitted = '<p onclick="x" style="color:red">Hi<script>x</script><span class="c">there</span></p>'
    assert removed_markup(submitted, sanitise_html(submitted)) == (["script", "span"], ["onclick", "style"])


def test_removed_markup_counts_a_refused_link_address_but_not_the_rel_it_sets():
    submitted = '<p><a href="javascript:steal()" rel="nofollow">x</a><a href="/en/">y</a></p>'
    assert removed_markup(submitted, sanitise_html(submitted)) == ([], ["href"])
    assert removed_markup(ALLOWED_MARKUP, sanitise_html(ALLOWED_MARKUP)) == ([], [])


# Plain-text bodies on public pages


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert as_html("First paragraph.\n\nSecond.") == "<p>First paragraph.</p><p>Second.</p>"
    assert as_html("One\r\ntwo\n \n\nthree <em>now</em>") == "<p>One<br>two</p><p>three <em>now</em></p>"
    assert as_html("<h2>Title</h2>\n\n<p>Text</p>") == "<h2>Title</h2>\n\n<p>Text</p>"


@pytest.mark.django_db
def test_a_plain_text_body_renders_as_paragraphs(client):
    category = make_category(body_en="First paragraph.\n\nSecond.\nSame paragraph.")
    page = client.get(category.get_absolute_url()).content.decode()
    assert '<div class="prose"><p>First paragraph.</p><p>Second.<br>Same paragraph.</p></div>' in page


@pytest.mark.django_db
def test_an_html_body_renders_as_before(client):
    body = "<h2>Welcome</h2> <p>First.</p>\n<p>Second.</p>"
    category = make_category(body_en=body)
    page = client.get(category.get_absolute_url()).content.decode()
    assert f'<div class="prose">{body}</div>' in page


def test_the_richtext_filter_renders_plain_text_as_paragraphs_and_html_as_it_is():
    template = Template("{% load portal %}{{ body|richtext }}")
    assert template.render(Context({"body": "A.\n\nB."})) == "<p>A.</p><p>B.</p>"
    assert template.render(Context({"body": "<h2>A</h2><p>B.</p>"})) == "<h2>A</h2><p>B.</p>"
    assert template.render(Context({"body": None})) == ""


# The shipped content


def shipped_bodies():
    for path in sorted((Path(settings.BASE_DIR) / "content").glob("*.yaml")):
        yield from _bodies(yaml.safe_load(path.read_text()), path.name)


def _bodies(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "body" and isinstance(value, dict):
                yield from ((f"{where} {lang}", body) for lang, body in value.items())
            else:
                yield from _bodies(value, where)
    elif isinstance(node, list):
        for item in node:
            yield from _bodies(item, where)


def test_the_shipped_bodies_pass_the_sanitiser_unchanged():
    bodies = list(shipped_bodies())
    assert bodies
    for where, body in bodies:
        assert "<h2>" in body and "<p>" in body, where
        assert sanitise_html(body) == body, where
