"""Plain text as editors type it and as the site stores it.

Single-line texts (titles, names, captions, alt text) lose control characters and line
breaks: a line break typed into a title once broke that file's download header.
Multi-line texts keep their paragraphs but not the browser's "\\r\\n" line endings, so
that saving an unchanged form changes nothing (and records no change).
"""

import re
import unicodedata

from django import forms
from django.db import models
from modeltranslation.translator import NotRegistered, translator

# Runs of spaces, but not the no-break spaces French typography puts before ":" or inside
# guillemets (U+00A0, U+202F), nor a figure space: they are there on purpose.
_SPACES = re.compile(r"[^\S\u00a0\u202f\u2007]+")
_MULTI_LINE_SPACES = re.compile(r"[^\S\n]+")


def _without_controls(value, keep=""):
    return "".join(c for c in value if c in keep or not unicodedata.category(c).startswith("C"))


def single_line(value):
    """One line: control characters and line breaks become spaces, runs of spaces one."""
    if not isinstance(value, str):
        return value
    value = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in value)
    return _SPACES.sub(" ", _without_controls(value)).strip()


def multi_line(value):
    """Paragraphs kept; "\\r\\n" and "\\r" become "\\n"; other control characters go."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _without_controls(value, keep="\n\t").strip()


# TextFields whose text is one line nonetheless (an image's text alternative).
SINGLE_LINE_TEXT_FIELDS = {"alt_text"}


def cleaner_for(field):
    """single_line, multi_line, or None for a model field (or a modeltranslation copy of one)."""
    base_name = getattr(field, "translated_field", field).name
    if isinstance(field, models.TextField):
        return single_line if base_name in SINGLE_LINE_TEXT_FIELDS else multi_line
    if isinstance(field, models.CharField) and not field.choices:
        return single_line
    return None


def _translated_names(model):
    """The original names of translated fields ("title"): their values are the per-language
    fields' ("title_en"...), and setting them writes the active language's."""
    try:
        return translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return ()


def clean_text_fields(instance):
    """Apply each text field's cleaner to the instance's values (called on every save)."""
    skipped = _translated_names(type(instance))
    for field in instance._meta.concrete_fields:
        cleaner = cleaner_for(field) if field.name not in skipped else None
        if cleaner:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, cleaner(value))


class SingleLineFormField(forms.CharField):
    def to_python(self, value):
        return single_line(super().to_python(value))


class MultiLineFormField(forms.CharField):
    def to_python(self, value):
        return multi_line(super().to_python(value))


def with_text_cleaner(db_field, form_field):
    """Give a plain text form field its model field's cleaner, in place (its widget and
    attributes, set by the admin and modeltranslation, are kept). Form fields with checks
    of their own (addresses, slugs, choices) are left as they are."""
    cleaner = cleaner_for(db_field)
    if cleaner is not None and type(form_field) is forms.CharField:
        form_field.__class__ = SingleLineFormField if cleaner is single_line else MultiLineFormField
    return form_field
