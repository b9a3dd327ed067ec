"""Blocks the seminars app contributes to other pages (the home page)."""

from django import template

from seminars.models import Seminar

register = template.Library()


@register.inclusion_tag("home/seminars.html")
def render_latest_seminars(limit=3):
    """The newest live seminars (one query)."""
    return {"seminars": Seminar.objects.live().for_listing()[:limit]}
