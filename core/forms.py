"""The rich-text form field: django-prose-editor in the admin, limited to core.html's allow-list.

`RichTextField.formfield()` returns it, so every admin form gets the editor, including
modeltranslation's per-language copies (body_en, body_ja...), which copy the original
field's widget.
"""

import re

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext, pgettext
from django_prose_editor.widgets import ProseEditorWidget

from core.html import EDITOR_EXTENSIONS, as_html, removed_markup, sanitise_html
from core.text import multi_line

EDITOR_MODULE = "django_prose_editor/editor.js"

# The editor always keeps one block; an empty one means an empty field.
_EMPTY_BLOCK = re.compile(r"^<(\w+)></\1>$")
_SPACE_BETWEEN_TAGS = re.compile(r">\s+<")
_SPACES = re.compile(r"\s+")


class RichTextEditor(ProseEditorWidget):
    """django-prose-editor's textarea, started by static/admin/rich-text-editor.js.

    The package's own starter needs an import map, which is an inline <script> that the
    admin's Content-Security-Policy refuses; ours loads the editor module from the
    address in `data-prose-editor-module`, so the page has no inline script. Every file
    comes from our static files. Without JavaScript, the textarea is posted as it is.
    """

    attribute = "data-django-prose-editor-portal"

    def __init__(self, attrs=None):
        super().__init__(attrs, config={"extensions": EDITOR_EXTENSIONS}, preset="portal")

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                ]
            },
            js=[
                # Listed so the browser fetches it early; the starter imports the same URL.
                forms.Script(EDITOR_MODULE, type="module"),
                forms.Script("admin/rich-text-editor.js", type="module"),
            ],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-prose-editor-module"] = static(EDITOR_MODULE)
        return context


def _comparable(value):
    """A body as the public sees it, give or take the spaces between blocks that the editor
    drops: saving an unchanged form does not count as a change."""
    html = sanitise_html(as_html(value or ""))
    return _SPACES.sub(" ", _SPACE_BETWEEN_TAGS.sub("><", html)).strip()


def _join(items):
    """Items joined as a sentence would ("a", "a and b", "a, b and c") in the active language."""
    if len(items) == 1:
        return items[0]
    return pgettext("list of removed markup", "%(items)s and %(last)s") % {
        "items": pgettext("separator in a list of removed markup", ", ").join(items[:-1]),
        "last": items[-1],
    }


class RichTextFormField(forms.CharField):
    """Rich text, stored sanitised; remembers what the sanitiser removed (`removed`).

    A body from before the editor (plain text) is shown to the editor as paragraphs, so
    that its paragraphs survive the first save. After `clean()`, `removed` holds the
    (tags, attributes) taken out of what was submitted, and `removal_message()` says so
    in the editor's language (core.admin shows it after a save).
    """

    def __init__(self, *args, **kwargs):
        # The admin asks for its textarea; any textarea becomes the editor.
        kwargs["widget"] = RichTextEditor
        super().__init__(*args, **kwargs)
        self.removed = ([], [])

    def prepare_value(self, value):
        return as_html(value) if isinstance(value, str) else value

    def to_python(self, value):
        value = multi_line(super().to_python(value))
        return "" if value and _EMPTY_BLOCK.match(value) else value

    def clean(self, value):
        submitted = as_html(super().clean(value))
        if not submitted:
            self.removed = ([], [])
            return submitted
        cleaned = sanitise_html(submitted)
        self.removed = removed_markup(submitted, cleaned)
        return cleaned

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return _comparable(initial) != _comparable(self.to_python(data))

    def removal_message(self):
        """What `clean()` removed, for the editor, or None:
        "Body [fr]: removed <script> and the onclick attribute; the rest was saved."."""
        tags, attributes = self.removed
        if not tags and not attributes:
            return None
        items = [f"<{tag}>" for tag in tags] + [
            gettext("the %(name)s attribute") % {"name": name} for name in attributes
        ]
        return gettext("%(field)s: removed %(what)s; the rest was saved.") % {
            "field": self.label,
            "what": _join(items),
        }
