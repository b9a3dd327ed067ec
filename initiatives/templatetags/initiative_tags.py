"""Blocks the initiatives app contributes to other pages (the home page)."""

from django import template

from initiatives.models import Initiative

register = template.Library()


@register.inclusion_tag("home/initiatives.html")
def render_initiative_index(limit=24):
    """The first `limit` live initiatives by number, and how many there are, in one query
    (a window count is taken before the LIMIT).

    The home page stays the same size however many initiatives a later report adds.
    """
    initiatives = list(Initiative.objects.live().for_listing().with_total()[:limit])
    return {"initiatives": initiatives, "initiative_total": initiatives[0].total if initiatives else 0}
