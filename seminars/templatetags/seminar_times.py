"""Template helpers for seminar pages: machine-readable times."""

import datetime

from django import template

register = template.Library()


@register.filter
def utc_iso(value):
    """An aware datetime as a UTC `<time datetime>` value: 2021-11-24T01:00:00Z."""
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        return ""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
