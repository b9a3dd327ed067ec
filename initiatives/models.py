from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.fields import CheckedFileField
from core.i18n import language_name
from core.models import (
    CleanTextModel,
    Publishable,
    PublishableQuerySet,
    RichTextField,
    StoredFile,
    related,
)
from core.validators import validate_pdf

# The case study numbers its items 1 to 24 (see Initiative.number).
CASE_STUDY_NUMBERS = range(1, 25)


class InitiativeQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Initiatives as list cards, with their category (one query, whatever the count)."""
        return self.select_related("category")

    def for_feed(self):
        """Feed entries: each with its category and its documents by language (two queries)."""
        return self.select_related("category").prefetch_related(
            Prefetch("documents", queryset=InitiativeDocument.objects.order_by("language"))
        )

    def for_api(self):
        """Open-data records: each with its category, the publication it comes from if that
        is live (`api_source`), its documents by language and its live related videos in
        order (`api_video_links`): four queries, whatever the count."""
        video = self.model._meta.get_field("videos").related_model
        publication = self.model._meta.get_field("source_publication").related_model
        return self.select_related("category").prefetch_related(
            Prefetch("source_publication", queryset=publication.objects.live(), to_attr="api_source"),
            Prefetch("documents", queryset=InitiativeDocument.objects.order_by("language")),
            Prefetch(
                "video_links",
                queryset=InitiativeVideo.objects.filter(video__in=video.objects.live())
                .select_related("video")
                .order_by("order", "id"),
                to_attr="api_video_links",
            ),
        )

    def number_availability(self, *, case_study=CASE_STUDY_NUMBERS):
        """The numbers not yet used within `case_study` (1 to 24), and the number after the
        highest used one, as `(free, next_after_highest)`: one query."""
        used = set(self.order_by().values_list("number", flat=True))
        return [n for n in case_study if n not in used], max(used, default=0) + 1

    def for_detail(self):
        """An initiative with its category, documents (by language) and live related videos,
        in order (`live_video_links`): three queries, whatever the numbers."""
        video = self.model._meta.get_field("videos").related_model
        return self.select_related("category", "source_publication").prefetch_related(
            Prefetch("documents", queryset=InitiativeDocument.objects.order_by("language")),
            Prefetch(
                "video_links",
                queryset=related(
                    InitiativeVideo.objects.filter(video__in=video.objects.live()).select_related("video")
                ),
                to_attr="live_video_links",
            ),
        )


class Initiative(Publishable):
    """One of the 24 items of the Legacy Reporting Framework case study."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[MinValueValidator(1)],
        help_text=_("The item's number in the Legacy Reporting Framework case study (1 to 24)."),
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("ASCII, the same in every language.")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)
    category = models.ForeignKey(
        "categories.Category",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("category"),
        help_text=_(
            "The legacy area this initiative is shown in. The case study lists its 24 items without "
            "areas: the assignment is the portal team's editorial mapping, not the source's."
        ),
    )
    source_publication = models.ForeignKey(
        "media_library.Publication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_of_initiatives",
        verbose_name=_("described in"),
        help_text=_(
            "The publication this initiative comes from (the Legacy Reporting Framework case study)."
        ),
    )
    as_of = models.DateField(
        _("information as of"), null=True, blank=True, help_text=_("The date the information describes.")
    )
    videos = models.ManyToManyField(
        "media_library.Video",
        through="InitiativeVideo",
        blank=True,
        related_name="initiatives",
        verbose_name=_("related videos"),
    )

    live_requires = ("category",)
    objects = InitiativeQuerySet.as_manager()

    class Meta:
        # What live() and a category's count ask, and the sitemap's latest change: answered
        # from the index alone (the counts say COUNT(*), which needs no other column).
        indexes = [
            models.Index(fields=["status", "category", "publish_at", "updated_at"], name="initiative_live")
        ]
        ordering = ["number"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        permissions = [("publish_initiative", _("Can publish initiatives"))]
        constraints = [
            # The case study numbers its items 1 to 24; a later report may add more, so
            # the database asks only for a positive number (unique, above).
            models.CheckConstraint(condition=models.Q(number__gte=1), name="initiative_number_positive")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"slug": self.slug})


class InitiativeVideo(CleanTextModel):
    """A related video of an initiative, in the order the initiative lists them."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="video_links", verbose_name=_("initiative")
    )
    video = models.ForeignKey(
        "media_library.Video",
        on_delete=models.CASCADE,
        related_name="initiative_links",
        verbose_name=_("video"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["initiative", "order", "id"]
        verbose_name = _("related video")
        verbose_name_plural = _("related videos")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "video"], name="one_link_per_initiative_video")
        ]

    def __str__(self):
        return f"{self.initiative} – {self.video}"


def document_upload_to(instance, filename):
    return f"initiatives/{instance.initiative.slug}-{instance.language}.pdf"


class InitiativeDocument(StoredFile):
    """An initiative's document in one language: a PDF whose size and pages are read on upload."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="documents", verbose_name=_("initiative")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = CheckedFileField(_("PDF file"), upload_to=document_upload_to, validators=[validate_pdf])

    download_kind = _("initiative document")
    download_report_related = ("initiative",)

    class Meta:
        ordering = ["initiative", "language"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "language"], name="one_document_per_language")
        ]

    def __str__(self):
        return f"{self.initiative} ({self.language})"

    def get_absolute_url(self):
        return reverse(
            "initiatives:document", kwargs={"slug": self.initiative.slug, "language": self.language}
        )

    @property
    def download_filename(self):
        """The initiative's title in the document's own language, then the language's name."""
        with override(self.language):
            title = self.initiative.title
            name = language_name(self.language)
        return f"{self.initiative.number:02d} {title} ({name}).pdf"

    @property
    def download_item(self):
        return str(self.initiative)
