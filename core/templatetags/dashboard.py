"""Filters for the admin dashboard's panels."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value):
    """A count as the active language writes it, with thousands grouped: 12,345 or 12 345."""
    return number_format(value, force_grouping=True)
