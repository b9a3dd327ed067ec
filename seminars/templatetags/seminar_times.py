"""Template helpers for seminar pages: machine-readable times and fallback languages."""

import datetime

from django import template
from django.utils.translation import get_language

from core.i18n import shown_language

register = template.Library()


@register.filter
def utc_iso(value):
    """An aware datetime as a UTC `<time datetime>` value: 2021-11-24T01:00:00Z."""
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        return ""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.simple_tag
def foreign_language(obj, field):
    """The language `obj.<field>` is shown in when it is not the page's, else "".

    For attributes (an image's alt text) that cannot be wrapped in a `<span lang>`:
    the element itself gets the `lang`.
    """
    shown = shown_language(obj, field)
    return shown if shown and shown != get_language() else ""
