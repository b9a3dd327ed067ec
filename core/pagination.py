"""One page of a list and how many there are, in one query."""

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from core.models import count_of


def page_of(queryset, request, per_page):
    """The page that `?page=` asks for, as a Django Page (for includes/pagination.html).

    The total comes with the rows (core.models.count_of), not from a query of its own.
    A page number that is not a number, below 1 or past the last page is a 404.
    """
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        raise Http404(_("There is no such page."))
    start = (number - 1) * per_page
    rows = list(queryset.annotate(total=count_of(queryset))[start : start + per_page])
    if not rows and number > 1:
        raise Http404(_("There is no such page."))
    paginator = Paginator([], per_page)
    paginator.count = rows[0].total if rows else 0  # a cached_property: set, not computed
    return Page(rows, number, paginator)
