"""Pieces every content app shares: publishing, rich text, stored files, download counts."""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import EXTENSIONS, FORMAT_LABELS, inspect_file
from core.forms import RichTextFormField
from core.html import sanitise_html
from core.text import clean_text_fields
from core.translations import update_meta


class RichTextField(models.TextField):
    """A TextField whose HTML is reduced to an allow-list of tags on every save.

    Its form field is the admin's rich-text editor (core.forms), limited to the same
    allow-list (core.html).
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = sanitise_html(value)
            setattr(model_instance, self.attname, value)
        return value


class CleanTextModel(models.Model):
    """Saves its text cleaned: single-line fields on one line, no "\r\n" (see core.text)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)


class TranslatedContent(CleanTextModel):
    """A model with translated fields: each translation's origin and freshness (core.translations)."""

    translation_meta = models.JSONField(_("about the translations"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_meta(self)
        super().save(*args, **kwargs)


class Status(models.TextChoices):
    """An item's editorial state. Only PUBLISHED items are public (see live()).

    Draft → In review (an editor submits it) → Published (a publisher publishes it,
    now or at `publish_at`: "Scheduled"). A publisher may send an item in review back
    to Draft with a comment. Changes to a published item wait as a PendingChange.
    """

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


def count_of(queryset):
    """An expression: how many rows `queryset` has, computed once inside another query."""
    # The inner SQL is Django's own compilation of the queryset, its values passed apart as
    # parameters: nothing from a visitor is formatted into the string.
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    counted = f"SELECT COUNT(*) FROM ({sql}) AS counted"  # noqa: S608
    return RawSQL(counted, params, output_field=models.IntegerField())  # noqa: S611


# The most items a detail page lists of another kind (a film's initiatives, a partner's
# seminars): past it the page says how many there are and lists the first ones, so no
# page grows with the content. Each item stays reachable from its own list.
RELATED_LIMIT = 50


def related(queryset):
    """The first RELATED_LIMIT rows of a detail page's prefetch, each carrying `total`
    (how many there are). For one object's page: the count is over the whole prefetch."""
    return queryset.annotate(total=Window(Count("pk")))[:RELATED_LIMIT]


def live_q(prefix="", *, model=None):
    """The condition for "the public may see this", for a model reached through `prefix`.

    The moment is the database's `Now()`, evaluated when the query runs: a queryset
    built once (at import, in a form's field) still lets a scheduled item go live on
    time. With `model`, the parents it names in `live_requires` must be live too.
    """
    condition = Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": Now()})
    )
    for relation in getattr(model, "live_requires", ()):
        # "Its category is among the live ones": a semi-join the database answers from
        # the parents' index, and that lets a list walk its own order and stop at a LIMIT
        # (a join on the parent made SQLite sort every row first).
        parent = model._meta.get_field(relation).related_model
        live_parents = parent._base_manager.filter(live_q(model=parent)).values("pk")
        condition &= Q(**{f"{prefix}{relation}__in": live_parents})
    return condition


# The moment an item counts from in feeds, newest first: its last public update, else its
# first publication, else (content loaded from files, never put through the publish step)
# when it became public. core.feeds reads the same fields in the same order.
FEED_DATE_FIELDS = ("public_updated_at", "first_published_at", "publish_at", "created_at")


class PublishableQuerySet(models.QuerySet):
    def live(self):
        """What the public may see: published, and its publish_at (if any) has come.

        A model whose public page depends on a parent (an initiative on its category)
        names the relations in `live_requires`; the parent must be live too.
        """
        return self.filter(live_q(model=self.model))

    def for_listing(self):
        """What a list page's cards need, in a fixed number of queries. Models override it."""
        return self

    def with_total(self):
        """Each row also carries `total`: how many rows the query has before any slice, so a
        page can show the first few and say how many there are in one query.

        The count is an uncorrelated scalar subquery, which the database runs once (a
        window count would read every matching row in full before the LIMIT).
        """
        return self.annotate(total=count_of(self))

    def for_detail(self):
        """What a detail page needs, in a fixed number of queries. Models override it."""
        return self

    def for_feed(self):
        """What a feed entry needs (its files...), in a fixed number of queries. Models override it."""
        return self

    def recently_updated(self):
        """Newest first by the date feeds show: last public update, else first publication
        (else, for content loaded from files, when it became public; see core.feeds)."""
        return self.order_by(Coalesce(*FEED_DATE_FIELDS).desc(), "-pk")

    def visible_to(self, user):
        """Everything for staff who may change this model (previews); live() for others."""
        if user.is_authenticated and user.is_staff:
            perm = f"{self.model._meta.app_label}.change_{self.model._meta.model_name}"
            if user.has_perm(perm):
                return self.all()
        return self.live()


def live_index():
    """For each Publishable's Meta.indexes: what live() asks of every row, answered from
    the index alone (counts, the first rows of a list), and the sitemap's latest change
    (updated_at) with it."""
    return models.Index(fields=["status", "publish_at", "updated_at"], name="%(app_label)s_%(class)s_live")


class Publishable(TranslatedContent):
    """Status, scheduling and timestamps, shared by every public content model.

    Concrete models declare a `publish_<model_name>` permission in their Meta; only
    users holding it (the Publisher group) may change `status` or `publish_at`.
    """

    # The open data's stable identifier: never changes, never reused (a deleted item's
    # UUID is gone with it), shown in the admin. The loader derives the shipped content's
    # from its natural key (core.content.content_uuid), so every installation agrees.
    uuid = models.UUIDField(_("identifier (UUID)"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Optional. A published item becomes visible to the public at this moment."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    public_updated_at = models.DateTimeField(
        _("last updated (public)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date of the last change published with a note, or not marked as minor."),
    )
    # Public notes published with changes, newest first: [{"at": ISO date-time, "note": text,
    # "language": code}]. Kept on the row so a page shows them without another query.
    change_notes = models.JSONField(_("change notes"), default=list, blank=True, editable=False)

    # Relations to parents that must be live for this object to be (see live()).
    live_requires = ()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_live(self):
        own = self.status == Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )
        return own and all(getattr(self, relation).is_live for relation in self.live_requires)

    @classmethod
    def publish_permission(cls):
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"


class StoredFile(CleanTextModel):
    """A downloadable file whose facts are computed from its content on upload.

    Subclasses define the `file` field (with its validators) and what owns it.
    `size`, `mime_type`, `sha256` and `page_count` are never typed in: `save()` fills
    them from the file whenever a new file has been assigned (rendering never opens it).
    """

    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False, default=0)
    mime_type = models.CharField(_("format"), max_length=50, editable=False, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), editable=False, null=True)
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        editable=False,
        blank=True,
        help_text=_("The file's SHA-256 checksum (hexadecimal), published in the open data."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    is_sample = models.BooleanField(
        _("sample file"),
        default=False,
        editable=False,
        help_text=_(
            "A stand-in made by the portal for the city's original; it stays one until a real file "
            "is uploaded."
        ),
    )
    text_layer = models.BooleanField(
        _("has a text layer"),
        null=True,
        editable=False,
        help_text=_("For a PDF: whether it has text a screen reader can read (False: image-only)."),
    )
    document_info = models.JSONField(
        _("what the file says about itself"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The document's own metadata (author, software, dates), read on upload."),
    )

    # What the download reports (core.dashboard) read about a file: `download_kind`
    # (None: the model's verbose name), `download_filename`, `download_item` (the public
    # item it belongs to) and `language` if it has one. `download_report_related` are the
    # relations those follow, so that a report fetches each kind of file in one query.
    download_kind = None
    download_report_related = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            # Store the upload first (images lose their metadata on the way, see
            # core.images), so the facts below are the stored file's, not the upload's.
            self.file.save(self.file.name, self.file.file, save=False)
            self.refresh_file_info()
            self.is_sample = getattr(self, "_stand_in", False)
        elif self.file and not self.mime_type:
            # A file stored before the row (the content loader's stand-ins).
            self.refresh_file_info()
            self.is_sample = getattr(self, "_stand_in", False)
        super().save(*args, **kwargs)

    def refresh_file_info(self):
        if not self.file:
            return
        info = inspect_file(self.file)
        self.size = info.size
        self.mime_type = info.mime_type
        self.sha256 = info.sha256
        self.page_count = info.page_count
        self.width = info.width
        self.height = info.height
        self.document_info = info.document_info
        self.text_layer = info.text_layer

    @property
    def download_filename(self):
        """The name a visitor's download is saved under. Models override it."""
        return str(self)

    @property
    def download_item(self):
        """The name of the public item this file belongs to, for download reports."""
        return str(self)

    @property
    def format_label(self):
        return FORMAT_LABELS.get(self.mime_type, self.mime_type)

    @property
    def extension(self):
        return EXTENSIONS.get(self.mime_type, "")


class DownloadCount(models.Model):
    """Downloads of one file on one day: one row per file per day, whatever the traffic."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    file = GenericForeignKey("content_type", "object_id")
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "day"], name="one_download_count_per_file_day"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} on {self.day}: {self.count}"

    @classmethod
    def record(cls, obj, *, day=None):
        """Add one download of `obj` today, atomically.

        The increment is a single UPDATE ... SET count = count + 1, so concurrent
        requests never lose a count. The first download of the day creates the row;
        if two requests race to create it, the loser's insert fails on the unique
        constraint and it falls back to the UPDATE.
        """
        day = day or timezone.localdate()
        key = {
            "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
            "object_id": obj.pk,
            "day": day,
        }
        if cls.objects.filter(**key).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(count=1, **key)
        except IntegrityError:
            cls.objects.filter(**key).update(count=F("count") + 1)

    @classmethod
    def with_totals(cls, queryset, *, days):
        """`queryset` of files whose rows also carry `downloads_total` and `downloads_recent`
        (the last `days` days): what totals_for() gives, for a whole list in its one query."""
        rows = (
            cls.objects.filter(
                content_type=ContentType.objects.get_for_model(queryset.model, for_concrete_model=False),
                object_id=models.OuterRef("pk"),
            )
            .order_by()
            .values("object_id")
        )
        since = timezone.localdate() - datetime.timedelta(days=days - 1)

        def total(of):
            return Coalesce(models.Subquery(of.annotate(n=models.Sum("count")).values("n")), 0)

        return queryset.annotate(
            downloads_total=total(rows), downloads_recent=total(rows.filter(day__gte=since))
        )

    @classmethod
    def totals_for(cls, obj, *, days=None):
        """(all-time total, total of the last `days` days) for one file."""
        qs = cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )
        total = qs.aggregate(n=models.Sum("count"))["n"] or 0
        if days is None:
            return total, None
        since = timezone.localdate() - datetime.timedelta(days=days - 1)
        recent = qs.filter(day__gte=since).aggregate(n=models.Sum("count"))["n"] or 0
        return total, recent


class HealthCheck(models.Model):
    """One row that /healthz writes (and rolls back) to check that the database takes writes."""

    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("health check")
        verbose_name_plural = _("health checks")

    def __str__(self):
        return f"Health check at {self.checked_at}"


class LoadedContent(models.Model):
    """What the content loader last wrote to an object, so that it can tell an
    editor's later change (which it keeps) from its own earlier write."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("loaded content record")
        verbose_name_plural = _("loaded content records")
        ordering = ["content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_record_per_object")
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}"


class PendingChange(models.Model):
    """Changes to a published item that wait for a publisher: the public page is unchanged.

    `data` is the item with everything attached to it (files, editions, photos...) as
    it would be once approved, in the form core.revisions.snapshot() gives; entries
    marked "new" are rows that do not exist yet (their ids are reserved). One per item.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(default=list)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("unpublished change")
        verbose_name_plural = _("unpublished changes")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_pending_change_per_item")
        ]

    def __str__(self):
        return f"Unpublished changes to {self.content_type.model} {self.object_id}"


class Transition(models.Model):
    """One step of an item's editorial life: who did what, when, and what they said."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        SAVED = "saved", _("Saved")
        SUBMITTED = "submitted", _("Submitted for review")
        SENT_BACK = "sent_back", _("Sent back")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        APPROVED = "approved", _("Changes approved and published")
        DISCARDED = "discarded", _("Unpublished changes discarded")
        UNPUBLISHED = "unpublished", _("Unpublished")
        RESTORED = "restored", _("Earlier revision restored")
        LOADED = "loaded", _("Loaded from the content files")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    comment = models.TextField(_("comment"), blank=True)
    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="transitions"
    )

    class Meta:
        verbose_name = _("editorial step")
        verbose_name_plural = _("editorial steps")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="transition_item_time")]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class StandIn(models.Model):
    """A file the content loader made to stand in for one of the city's originals
    (core.standins), so staff can find what is left to replace (/admin/stand-ins/).

    The object's field still holds a stand-in while its file name is `name`; once an
    editor uploads a real file, the name differs and the row no longer counts.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=50)
    name = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("stand-in file")
        verbose_name_plural = _("stand-in files")
        ordering = ["content_type", "object_id", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="one_stand_in_per_field"
            )
        ]

    def __str__(self):
        return self.name

    def is_current(self, obj=None):
        obj = obj if obj is not None else self.item
        return obj is not None and getattr(obj, self.field).name == self.name


class PageCacheState(models.Model):
    """The page cache's content version, when the cache is private to each process
    (local memory): one row, read by every request to the public site (core.page_cache)."""

    version = models.BigIntegerField(default=0)
    next_at = models.DateTimeField(null=True, help_text="The next moment a scheduled item goes live.")

    class Meta:
        verbose_name = _("page cache state")
        verbose_name_plural = _("page cache state")

    def __str__(self):
        return f"Page cache version {self.version}"
