"""The staff dashboard's downloads panel and the CSV of daily download counts.

Both are for staff with `core.view_downloadcount` ("Can view download count"), which
the Editor and Publisher groups have (migration core 0004); superusers have it too.
"""

import csv
import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core import dashboard
from core.charts import bar_chart
from core.downloads import attachment_disposition

DOWNLOADS_PERMISSION = "core.view_downloadcount"


def can_view_downloads(user):
    return user.is_active and user.is_staff and user.has_perm(DOWNLOADS_PERMISSION)


class IsoDateInput(forms.DateInput):
    """A date picker. A bad date typed into the URL is not written back into it: a date
    input's value must be a real date (the form says what was wrong beside it)."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                return None
        return super().format_value(value)


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2025-07-31.")},
        widget=IsoDateInput(),
    )


class DateRangeForm(forms.Form):
    """`from` and `to`: two days written YYYY-MM-DD, both optional, both included."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "downloads-%s")
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these cannot be declared as class attributes.
        self.fields["from"] = _date_field(_("From"))
        self.fields["to"] = _date_field(_("To"))

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise ValidationError(
                _("The start date (%(start)s) is after the end date (%(end)s)."),
                params={"start": start.isoformat(), "end": end.isoformat()},
            )
        return data

    def error_text(self):
        """The errors in plain text, each after the query parameter it is about."""
        lines = []
        for name, errors in self.errors.items():
            for error in errors:
                lines.append(error if name == NON_FIELD_ERRORS else f"{name}: {error}")
        return "\n".join(lines)


PERIODS = [
    ("30d", _("Last 30 days")),
    ("12m", _("Last 12 months")),
    ("all", _("All time")),
    ("dates", _("Between these dates")),
]


class PeriodForm(DateRangeForm):
    """The period of the top downloads: one of PERIODS; "dates" reads `from` and `to`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"] = forms.ChoiceField(
            label=_("Period"), choices=PERIODS, widget=forms.RadioSelect
        )

    @classmethod
    def from_query(cls, query):
        """The form for a query string: without a period, dates mean "dates" and nothing
        means the last 30 days, so that a hand-made ?from=...&to=... works too."""
        data = query.copy()
        if not data.get("period"):
            data["period"] = "dates" if data.get("from") or data.get("to") else "30d"
        return cls(data)

    def clean(self):
        data = super().clean()
        dates_valid = not (self.has_error("from") or self.has_error("to"))
        if data.get("period") == "dates" and dates_valid and not (data.get("from") or data.get("to")):
            raise ValidationError(_("Give a start date, an end date or both."))
        return data

    def date_range(self, today):
        """(first day, last day) of the chosen period; None where it has no bound."""
        period = self.cleaned_data["period"]
        if period == "30d":
            return today - datetime.timedelta(days=29), today
        if period == "12m":
            return dashboard.first_of_month(today, months_later=-11), today
        if period == "all":
            return None, None
        return self.cleaned_data["from"], self.cleaned_data["to"]


def _long_date(day):
    return date_format(day, get_format("DATE_FORMAT"))


def _month(day):
    return date_format(day, get_format("YEAR_MONTH_FORMAT"))


def top_downloads_caption(start, end):
    if start and end:
        return gettext("Most downloaded files from %(start)s to %(end)s") % {
            "start": _long_date(start),
            "end": _long_date(end),
        }
    if start:
        return gettext("Most downloaded files since %(start)s") % {"start": _long_date(start)}
    if end:
        return gettext("Most downloaded files until %(end)s") % {"end": _long_date(end)}
    return gettext("Most downloaded files of all time")


def csv_url(start, end):
    query = {key: day.isoformat() for key, day in (("from", start), ("to", end)) if day}
    url = reverse("downloads_csv")
    return f"{url}?{urlencode(query)}" if query else url


def _figure(count):
    return number_format(count, force_grouping=True)


def monthly_chart(months):
    """The bar chart of `months` [(month, downloads)], with its title and its figures in words."""
    total = sum(count for _month_start, count in months)
    figures = pgettext("separator between figures in a sentence", "; ").join(
        gettext("%(month)s: %(count)s") % {"month": _month(month), "count": _figure(count)}
        for month, count in months
    )
    return {
        "chart": bar_chart(months),
        "title": gettext("Downloads per month, %(first)s to %(last)s")
        % {"first": _month(months[0][0]), "last": _month(months[-1][0])},
        "description": ngettext(
            "%(total)s download in all. %(figures)s.", "%(total)s downloads in all. %(figures)s.", total
        )
        % {"total": _figure(total), "figures": figures},
        "months": months,
        "total": total,
    }


def downloads_panel(request):
    """The dashboard's downloads panel (templates/admin/dashboard/downloads.html): the last
    12 months as a chart and a table, and the top downloads of the period in the query
    string. None for users without the permission. Runs a fixed number of queries."""
    if not can_view_downloads(request.user):
        return None
    today = dashboard.today()
    form = PeriodForm.from_query(request.GET)
    context = {"monthly": monthly_chart(dashboard.monthly_downloads(until=today)), "form": form}
    if form.is_valid():
        start, end = form.date_range(today)
        context.update(
            top=dashboard.top_downloads(start=start, end=end),
            top_caption=top_downloads_caption(start, end),
            csv_url=csv_url(start, end),
        )
    else:
        context["invalid"] = True
    return context


class _Line:
    """A file-like object whose write() returns what it is given, for csv.writer."""

    def write(self, value):
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """Text that a spreadsheet shows as text: a title starting with "=" is not run as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_lines(rows):
    writer = csv.writer(_Line())
    header = [
        gettext("day"),
        gettext("file kind"),
        gettext("file id"),
        gettext("file name"),
        gettext("language"),
        gettext("item"),
        gettext("downloads"),
    ]
    # The byte order mark tells spreadsheets that the file is UTF-8 (Japanese titles).
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(
            [
                row.day.isoformat(),
                row.file.kind,
                row.file.id,
                spreadsheet_text(row.file.name),
                row.file.language,
                spreadsheet_text(row.file.item),
                row.count,
            ]
        )


@require_GET
def downloads_csv(request):
    """/admin/downloads.csv?from=YYYY-MM-DD&to=YYYY-MM-DD: each file's downloads on each
    day of the period (both dates optional and included), as UTF-8 CSV with a BOM.
    Bad dates are a 400 that says what is wrong."""
    if not can_view_downloads(request.user):
        raise PermissionDenied
    form = DateRangeForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(form.error_text(), content_type="text/plain; charset=utf-8")
    start, end = form.cleaned_data["from"], form.cleaned_data["to"]
    response = StreamingHttpResponse(
        csv_lines(dashboard.daily_downloads(start=start, end=end)), content_type="text/csv; charset=utf-8"
    )
    period = (f"-from-{start.isoformat()}" if start else "") + (f"-to-{end.isoformat()}" if end else "")
    response["Content-Disposition"] = attachment_disposition(f"downloads{period}.csv")
    return response
