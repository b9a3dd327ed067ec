import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Max, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.fields import CheckedFileField, CheckedImageField
from core.i18n import language_name, sorted_by_language
from core.models import Publishable, PublishableQuerySet, StoredFile, TranslatedContent, live_index, related
from core.validators import validate_document_or_image


class PublicationKind(models.TextChoices):
    BOOKLET = "booklet", _("Booklet")
    REPORT = "report", _("Report")
    CASE_STUDY = "case_study", _("Case study")
    MESSAGE_CARD = "message_card", _("Message card")


class DatePrecision(models.TextChoices):
    MONTH = "month", _("Month and year")
    YEAR = "year", _("Year only")


class Medium(models.TextChoices):
    PRINTED = "printed", _("Printed")
    ONLINE = "online", _("Online")


def validate_isbn(value):
    """An ISBN-10 or ISBN-13 whose check digit is right; hyphens and spaces are allowed."""
    digits = value.replace("-", "").replace(" ", "").upper()
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
        valid = total % 10 == 0
    elif len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
        valid = total % 11 == 0
    else:
        valid = False
    if not valid:
        raise ValidationError(
            _("“%(value)s” is not a valid ISBN: check the digits, including the last one."),
            code="invalid_isbn",
            params={"value": value},
        )


class PublicationQuerySet(PublishableQuerySet):
    def for_cards(self):
        """Publications with their editions (a card shows the first one's date): two queries."""
        return self.prefetch_related("editions")

    def for_listing(self):
        """Publications with their editions and each edition's files: three queries, whatever the count."""
        return self.prefetch_related(Prefetch("editions", queryset=Edition.objects.prefetch_related("files")))

    def for_feed(self):
        """Feed entries: each with its editions and their files (three queries)."""
        return self.for_listing()

    def for_detail(self):
        """A publication with its editions and their files, and the live initiatives it
        describes (`live_initiatives`, for the case study): four queries."""
        initiative = self.model._meta.get_field("source_of_initiatives").related_model
        return self.for_listing().prefetch_related(
            Prefetch(
                "source_of_initiatives",
                queryset=related(initiative.objects.live().select_related("category")),
                to_attr="live_initiatives",
            )
        )

    def for_api(self):
        """Open-data records: each with its editions and their files (three queries)."""
        return self.for_listing()

    def newest_first(self):
        """By their latest edition's date, newest first; undated ones last, in their display order."""
        return self.annotate(latest_edition=Max("editions__published_on")).order_by(
            F("latest_edition").desc(nulls_last=True), "position", "id"
        )


class Publication(Publishable):
    """A booklet, report, case study or message card; its editions carry the files."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("ASCII, the same in every language.")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two plain sentences."))
    publisher = models.CharField(
        _("publisher or issuing body"), max_length=200, blank=True, help_text=_("Who issued the publication.")
    )
    accessible_format_contact = models.TextField(
        _("contact for accessible formats"),
        blank=True,
        help_text=_(
            "The office a reader asks for this publication in another format (large print, "
            "plain text, audio), as it should be named."
        ),
    )
    accessible_format_email = models.EmailField(
        _("email for accessible formats"),
        blank=True,
        help_text=_(
            "The office's email address. Empty: the site-wide address (PORTAL_CONTACT_EMAIL), if any."
        ),
    )
    accessible_format_phone = models.CharField(
        _("phone for accessible formats"),
        max_length=40,
        blank=True,
        help_text=_("As written in Japan, e.g. 03-5388-2238."),
    )
    cover = CheckedImageField(
        _("cover image"),
        upload_to="publications/covers/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        help_text=_("Shown beside the title."),
    )
    cover_alt_text = models.CharField(
        _("text alternative of the cover"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the cover says, for people who cannot see it. Required when the cover carries "
            "information (a message card); leave empty when it only repeats the title."
        ),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    position = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Publications are listed by this number, smallest first.")
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        indexes = [live_index()]
        ordering = ["position", "id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        permissions = [("publish_publication", _("Can publish publications"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("media_library:publication_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.kind == PublicationKind.MESSAGE_CARD and self.cover and not self.cover_alt_text_en:
            raise ValidationError(
                {"cover_alt_text_en": _("A message card's cover is its message: say what it says.")}
            )

    @property
    def contact_email(self):
        return self.accessible_format_email or settings.PORTAL_CONTACT_EMAIL


class Edition(TranslatedContent):
    """One printing or release of a publication, with one file per language.

    Editions have no status of their own: they are public when their publication is.
    The date has month precision ("July 2021"), or year precision where the source
    gives only the year ("2016"); it may be unknown.
    """

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="editions", verbose_name=_("publication")
    )
    note = models.CharField(
        _("edition note"), max_length=120, blank=True, help_text=_("For example “Reprinted edition”.")
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Only the month (or only the year) is kept and shown; the day is ignored."),
    )
    date_precision = models.CharField(
        _("date shows"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    medium = models.CharField(
        _("printed or online"),
        max_length=10,
        choices=Medium.choices,
        blank=True,
        help_text=_("Leave empty when the source does not say."),
    )
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True, validators=[validate_isbn])
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Editions are listed by this number, smallest first.")
    )

    class Meta:
        ordering = ["publication", "position", "id"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        note = f" {self.note}" if self.note else ""
        return f"{self.publication}:{note} ({self.date_iso or _('undated')})"

    def save(self, *args, **kwargs):
        # Month precision is a fact about the source: never pretend to know the day.
        if self.published_on:
            month = 1 if self.date_precision == DatePrecision.YEAR else self.published_on.month
            self.published_on = self.published_on.replace(month=month, day=1)
        super().save(*args, **kwargs)

    @property
    def date_iso(self):
        """ "2021-07", or "2016" for a year-precision date; "" when undated (for <time> and filenames)."""
        if not self.published_on:
            return ""
        return self.published_on.strftime("%Y" if self.date_precision == DatePrecision.YEAR else "%Y-%m")

    @property
    def files_in_order(self):
        """This edition's files in the site's language order (English first), from the prefetch."""
        return sorted_by_language(self.files.all())


def edition_file_upload_to(instance, filename):
    extension = os.path.splitext(filename)[1].lower().replace(".jpeg", ".jpg")
    edition = instance.edition
    when = edition.date_iso or "undated"
    slug = edition.publication.slug
    return f"publications/{slug}/{slug}-{when}-{instance.language}{extension}"


class EditionFile(StoredFile):
    """An edition in one language: a PDF, or a PNG/JPEG for a card.

    Format, size, pixel size and page count are read from the file on upload.
    """

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="files", verbose_name=_("edition")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(
        _("title on the file"),
        max_length=300,
        blank=True,
        help_text=_(
            "The title as printed on this language's file, when it is not the publication's title "
            "in that language."
        ),
    )
    file = CheckedFileField(
        _("file (PDF, PNG or JPEG)"),
        upload_to=edition_file_upload_to,
        validators=[validate_document_or_image],
    )
    alt_text = models.CharField(
        _("text alternative"),
        max_length=500,
        blank=True,
        help_text=_("For an image file (a card): what it says, in the file's language. Required for images."),
    )
    source_url = models.URLField(
        _("original's web address"),
        max_length=500,
        blank=True,
        help_text=_("Where the issuing body publishes this file, if known. Shown as the source."),
    )

    download_kind = _("publication file")
    download_report_related = ("edition__publication",)

    class Meta:
        ordering = ["edition", "language"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.UniqueConstraint(fields=["edition", "language"], name="one_file_per_edition_language")
        ]

    def __str__(self):
        return f"{self.edition} ({self.language})"

    def get_absolute_url(self):
        return reverse(
            "media_library:publication_file",
            kwargs={"slug": self.edition.publication.slug, "pk": self.pk},
        )

    def clean(self):
        super().clean()
        if (
            self.file
            and self.alt_text == ""
            and os.path.splitext(self.file.name)[1].lower() in (".png", ".jpg", ".jpeg", ".webp")
        ):
            raise ValidationError(
                {"alt_text": _("An image file needs its text alternative: say what it shows.")}
            )

    @property
    def own_title(self):
        """The title in the file's own language: the file's, else the publication's (with fallback)."""
        if self.title:
            return self.title
        with override(self.language):
            return self.edition.publication.title

    @property
    def download_filename(self):
        """“Après les Jeux, leur héritage – Au-delà de 2020 – (2021-07, français).pdf”."""
        with override(self.language):
            name = language_name(self.language)
        facts = ", ".join(part for part in (self.edition.date_iso, name) if part)
        return f"{self.own_title} ({facts}).{self.extension or 'bin'}"

    @property
    def download_item(self):
        return str(self.edition)
