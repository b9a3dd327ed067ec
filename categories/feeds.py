"""The legacy areas in Atom feeds: the areas themselves (in the feed of everything) and
what names a feed of one area. The feed of one area is put together in the `feeds` app,
from the sources of the apps whose content belongs to areas."""

from django.urls import reverse
from django.utils.translation import gettext

from categories.models import Category
from core.feeds import AtomCategory, FeedLink, Source, full_title


def area_category(category, absolute):
    """An item's legacy area as an Atom category: the area's slug, named in the feed's language."""
    return AtomCategory(term=category.slug, label=category.title, scheme=absolute(reverse("categories:list")))


def category_feed_name(category):
    return gettext("Legacy area %(number)s: %(title)s") % {"number": category.number, "title": category.title}


def category_feed_link(category):
    """The feed of one area, as its page announces it and the feeds page lists it."""
    return FeedLink(
        full_title(category_feed_name(category)), reverse("feeds:category", kwargs={"slug": category.slug})
    )


class CategorySource(Source):
    model = Category
