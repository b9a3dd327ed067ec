"""Blocks the categories app contributes to other pages (the home page)."""

from django import template

from categories.models import Category

register = template.Library()


@register.inclusion_tag("home/legacy_areas.html")
def render_legacy_areas():
    """The nine areas as cards, each with its number of live initiatives (one query)."""
    return {"categories": Category.objects.live().for_listing()}
