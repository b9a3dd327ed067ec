"""Blocks the initiatives app contributes to other pages (the home page)."""

from django import template

from initiatives.models import Initiative

register = template.Library()


@register.inclusion_tag("home/initiatives.html")
def render_initiative_index(limit=24):
    """The first `limit` live initiatives by number, and how many there are (two queries).

    The home page stays the same size however many initiatives a later report adds.
    """
    live = Initiative.objects.live()
    return {"initiatives": live.for_listing()[:limit], "initiative_total": live.count()}
