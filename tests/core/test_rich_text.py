"""Rich-text bodies: the sanitiser, what it removes, and plain-text bodies as paragraphs."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.template import Context, Template

from core.html import (
    as_html,
    removed_markup,
    sanitise_html,
)
from tests.factories import make_category

# Everything the editor's toolbar makes, as it serialises it, and a language of parts.
ALLOWED_MARKUP = (
    "<h2>Heading</h2><h3>Smaller</h3><h4>Smallest</h4>"
    '<p>Text with <strong>bold</strong>, <em>italic</em>, a <a href="https://example.org/" '
    'title="Example">link</a> and<br>a line break.</p><p lang="ja">日本語</p>'
    "<ul><li><p>One</p></li><li><p>Two</p></li></ul>"
    '<ol start="3"><li><p>Three</p></li></ol>'
    "<blockquote><p>Quoted</p></blockquote>"
)


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
