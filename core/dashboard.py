"""Download figures for the staff dashboard, each in a fixed number of queries.

Downloads are counted per file per day (`DownloadCount`). Sums are made by the database
(`Sum`, `TruncMonth`, which SQLite and PostgreSQL both do). The files belong to the
content apps, which core does not import: a file is reached through its content type,
and each kind of file is fetched in one query that follows its model's
`download_report_related` (see `StoredFile`). So a report costs one query for the
figures plus one per kind of file (four today), however many files or days it covers.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext

from core.models import DownloadCount


def today():
    """The current day in the site's time zone."""
    return timezone.localdate()


def first_of_month(day, *, months_later=0):
    """The first day of `day`'s month, or of the month `months_later` months after it (or before)."""
    index = day.year * 12 + day.month - 1 + months_later
    return datetime.date(index // 12, index % 12 + 1, 1)


def monthly_downloads(*, until=None, months=12):
    """[(first day of the month, downloads), ...], oldest first, for the `months` months
    that end with the month of `until` (default: today). A month without downloads is 0.
    One query."""
    until = until or today()
    first = first_of_month(until, months_later=-(months - 1))
    end = first_of_month(until, months_later=1)
    totals = dict(
        DownloadCount.objects.filter(day__gte=first, day__lt=end)
        .annotate(month=TruncMonth("day"))
        .order_by()
        .values("month")
        .annotate(total=Sum("count"))
        .values_list("month", "total")
    )
    months_shown = [first_of_month(first, months_later=i) for i in range(months)]
    return [(month, totals.get(month, 0)) for month in months_shown]


@dataclasses.dataclass(frozen=True)
class DownloadedFile:
    """What a report says about one counted file. `file` is None once the file is deleted
    (its counts stay)."""

    kind: str
    id: int
    file: object

    @property
    def name(self):
        if self.file is None:
            return gettext("Deleted file")
        return self.file.download_filename

    @property
    def item(self):
        return "" if self.file is None else self.file.download_item

    @property
    def language(self):
        """The file's language code; "" for a file in no one language (an infographic, a ZIP)."""
        return getattr(self.file, "language", "") or ""

    @property
    def language_label(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)


def _kind(model, content_type):
    if model is None:
        return content_type.model
    return str(getattr(model, "download_kind", None) or model._meta.verbose_name)


def describe_files(keys):
    """{(content_type_id, object_id): DownloadedFile} for the counted files `keys` name.

    One query per kind of file (drafts and unpublished items included: staff count them).
    """
    ids_by_type = defaultdict(set)
    for content_type_id, object_id in keys:
        ids_by_type[content_type_id].add(object_id)
    described = {}
    for content_type_id, ids in ids_by_type.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        found = {}
        if model is not None:
            related = getattr(model, "download_report_related", ())
            found = model._base_manager.select_related(*related).in_bulk(ids)
        kind = _kind(model, content_type)
        for object_id in ids:
            described[content_type_id, object_id] = DownloadedFile(
                kind=kind, id=object_id, file=found.get(object_id)
            )
    return described


def _in_period(queryset, start, end):
    if start:
        queryset = queryset.filter(day__gte=start)
    if end:
        queryset = queryset.filter(day__lte=end)
    return queryset


@dataclasses.dataclass(frozen=True)
class TopDownload:
    file: DownloadedFile
    total: int


def top_downloads(*, start=None, end=None, limit=10):
    """The `limit` most downloaded files from `start` to `end` (days, both included; None:
    no bound), most downloaded first, as TopDownload rows."""
    rows = list(
        _in_period(DownloadCount.objects.all(), start, end)
        .order_by()
        .values("content_type_id", "object_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "content_type_id", "object_id")[:limit]
    )
    files = describe_files((row["content_type_id"], row["object_id"]) for row in rows)
    return [
        TopDownload(file=files[row["content_type_id"], row["object_id"]], total=row["total"]) for row in rows
    ]


@dataclasses.dataclass(frozen=True)
class DailyDownloads:
    day: datetime.date
    file: DownloadedFile
    count: int


def daily_downloads(*, start=None, end=None):
    """Every file's downloads on every day from `start` to `end` (both included; None: no
    bound), by day, then kind of file (app and model), then file id: a generator of DailyDownloads rows,
    read from the database in chunks, so a long period is not held in memory."""
    counts = _in_period(DownloadCount.objects.all(), start, end)
    files = describe_files(counts.order_by().values_list("content_type_id", "object_id").distinct())
    rows = counts.order_by("day", "content_type__app_label", "content_type__model", "object_id").values_list(
        "day", "content_type_id", "object_id", "count"
    )
    for day, content_type_id, object_id, count in rows.iterator(chunk_size=2000):
        key = content_type_id, object_id
        if key not in files:  # first counted since `files` was read
            files.update(describe_files([key]))
        yield DailyDownloads(day=day, file=files[key], count=count)
