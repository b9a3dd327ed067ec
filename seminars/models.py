"""Tokyo Global Partners Seminars and the partner cities (and states) that took part.

A partner is not always a city proper: New South Wales and Queensland are states.
The model keeps the name `City` (the URL is /cities/), records the `kind`, and the
interface says "partner cities and regions" wherever it lists partners in general.
"""

import datetime
import re
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import CheckedImageField
from core.models import (
    CleanTextModel,
    Publishable,
    PublishableQuerySet,
    RichTextField,
    TranslatedContent,
    live_index,
    live_q,
    related,
)

# Session times are shown in the time zone the seminars are held in.
JAPAN = zoneinfo.ZoneInfo("Asia/Tokyo")

# Ids in calendar files are UUIDs in this namespace (RFC 7986 recommends UUIDs), made
# from primary keys: stable between downloads, across host names and slug changes.
CALENDAR_UID_NAMESPACE = uuid.UUID("5d1f0a52-4b1e-4f5e-9a43-6c2b9f0e7a11")


class CityQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Partner cards with the number of live seminars each took part in (one query)."""
        return self.annotate(
            seminar_count=Count("participations", filter=live_q("participations__seminar__"))
        )

    def for_detail(self):
        """A partner with its live seminars, newest first, in `live_participations` (two queries)."""
        return self.prefetch_related(
            Prefetch(
                "participations",
                queryset=related(
                    Participation.objects.filter(live_q("seminar__"))
                    .select_related("seminar")
                    .order_by("-seminar__start_date", "seminar__pk")
                ),
                to_attr="live_participations",
            )
        )

    def for_api(self):
        """Open-data records: each with the live seminars it took part in and its role
        (`api_participations`, newest first): two queries."""
        return self.prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(live_q("seminar__"))
                .select_related("seminar")
                .order_by("-seminar__start_date", "seminar__pk"),
                to_attr="api_participations",
            )
        )


class City(Publishable):
    """A partner city, or a state or region that takes part like one."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        STATE = "state", _("State or province")
        REGION = "region", _("Region")

    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("ASCII, the same in every language.")
    )
    name = models.CharField(_("name"), max_length=100)
    country = models.CharField(
        _("country or region"),
        max_length=100,
        help_text=_("As the city government's own publications name it."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CITY)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    objects = CityQuerySet.as_manager()

    class Meta:
        indexes = [live_index()]
        # Slugs are the English names in ASCII: one alphabetical order in every language.
        ordering = ["slug"]
        verbose_name = _("partner city or region")
        verbose_name_plural = _("partner cities and regions")
        permissions = [("publish_city", _("Can publish partner cities and regions"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="city_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="city_longitude_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("seminars:city_detail", kwargs={"slug": self.slug})


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class ReleaseLanguage(models.TextChoices):
    """Languages a press release may also be published in.

    Not the site's LANGUAGES: a release in "中文" does not say which script, so it is
    recorded as Chinese. The labels share their message ids with core.i18n.
    """

    ENGLISH = "en", pgettext_lazy("language name in running text", "English")
    JAPANESE = "ja", pgettext_lazy("language name in running text", "Japanese")
    CHINESE = "zh", pgettext_lazy("language name in running text", "Chinese")
    KOREAN = "ko", pgettext_lazy("language name in running text", "Korean")
    FRENCH = "fr", pgettext_lazy("language name in running text", "French")


# Each language's name in itself, shown beside the translated name.
RELEASE_LANGUAGE_NATIVE_NAMES = {
    "en": "English",
    "ja": "日本語",
    "zh": "中文",
    "ko": "한국어",
    "fr": "Français",
}


def validate_release_languages(value):
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give a list of language codes."), code="invalid")
    unknown = sorted(set(value) - set(ReleaseLanguage.values))
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s.") % {"codes": ", ".join(unknown)}, code="unknown"
        )


class SeminarQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Seminar cards need nothing beyond their own row (one query, whatever the count)."""
        return self

    def partially_named(self):
        """Seminars whose release names fewer partners than it says took part (`named`:
        how many it names): "21 cities took part" naming 13."""
        return self.annotate(named=Count("participations")).filter(declared_city_total__gt=F("named"))

    def possibly_with(self, city):
        """Seminars whose release names only some of their partners, and not `city`: it
        may have been one of the others (its partner page says its list may be incomplete)."""
        return self.partially_named().exclude(participations__city=city)

    def for_calendar(self):
        """A seminar with its sessions, for its .ics file (two queries)."""
        return self.prefetch_related("sessions")

    def for_detail(self):
        """A seminar with everything its page shows, in five queries whatever the numbers.

        Participations of draft partners are left out (`live_participations`).
        """
        return self.prefetch_related(
            "sessions",
            "programme_items",
            "photos",
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(live_q("city__")).select_related("city"),
                to_attr="live_participations",
            ),
        )

    def for_api(self):
        """Open-data records: each with its sessions, programme, photos and the live
        partners that took part (`api_participations`): five queries, whatever the count."""
        return self.prefetch_related(
            "sessions",
            "programme_items",
            "photos",
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(live_q("city__")).select_related("city"),
                to_attr="api_participations",
            ),
        )


class Seminar(Publishable):
    """One Tokyo Global Partners Seminar, as its press release describes it."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("ASCII, the same in every language.")
    )
    series = models.CharField(_("series"), max_length=200, help_text=_("e.g. Tokyo Global Partners Seminar"))
    edition = models.PositiveSmallIntegerField(
        _("edition number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty when the release does not say which edition it was."),
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("Empty for online seminars.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), help_text=_("The same as the start date for a one-day seminar.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two plain sentences."))
    body = RichTextField(_("body"), blank=True)
    date_note = models.TextField(
        _("note on the dates, for staff"),
        blank=True,
        help_text=_("Where the dates come from when the source is not explicit (not shown to the public)."),
    )
    declared_city_total = models.PositiveSmallIntegerField(
        _("declared number of participating partners"),
        null=True,
        blank=True,
        help_text=_(
            "The total the release gives (e.g. 21), which may be more than the partners it names. "
            "Leave empty to use the number of named partners."
        ),
    )
    issuing_office = models.CharField(_("issuing office"), max_length=200, blank=True)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    release_languages = models.JSONField(
        _("release also available in"),
        default=list,
        blank=True,
        validators=[validate_release_languages],
    )
    contact_section = models.CharField(_("contact: section"), max_length=200, blank=True)
    contact_division = models.CharField(_("contact: division"), max_length=200, blank=True)
    contact_office = models.CharField(_("contact: office"), max_length=200, blank=True)
    contact_organisation = models.CharField(_("contact: organisation"), max_length=200, blank=True)
    contact_phone = models.CharField(
        _("contact: phone"),
        max_length=40,
        blank=True,
        help_text=_("As written in Japan, e.g. 03-5388-2238."),
    )

    objects = SeminarQuerySet.as_manager()

    class Meta:
        # The list's and the home page's order: the newest few read from the index.
        indexes = [live_index(), models.Index(fields=["-start_date", "-id"], name="seminar_list_order")]
        ordering = ["-start_date", "-pk"]
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        permissions = [("publish_seminar", _("Can publish seminars"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="seminar_ends_on_or_after_start",
                violation_error_message=_("A seminar cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(edition__gte=1),
                name="seminar_edition_from_1",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("seminars:detail", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("seminars:calendar", kwargs={"slug": self.slug})

    @property
    def is_one_day(self):
        return self.start_date == self.end_date

    @property
    def release_language_list(self):
        """[(code, name in the active language, name in itself)] in the stored order."""
        labels = dict(ReleaseLanguage.choices)
        return [
            (code, labels[code], RELEASE_LANGUAGE_NATIVE_NAMES[code])
            for code in self.release_languages or []
            if code in labels
        ]

    @property
    def has_contact(self):
        return any(
            (
                self.contact_section,
                self.contact_division,
                self.contact_office,
                self.contact_organisation,
                self.contact_phone,
            )
        )

    @property
    def contact_phone_international(self):
        """The phone number as dialled from abroad: Japan's 0-prefixed numbers become +81.

        "03-5388-2238" -> "+81 3-5388-2238". Empty when the number is not in that form.
        """
        phone = self.contact_phone.strip()
        if re.fullmatch(r"0[1-9][0-9-]{7,14}", phone):
            return f"+81 {phone[1:]}"
        return ""

    @property
    def contact_phone_uri(self):
        international = self.contact_phone_international
        return "tel:" + re.sub(r"[^0-9+]", "", international) if international else ""

    def calendar_uid(self, part):
        return f"{uuid.uuid5(CALENDAR_UID_NAMESPACE, f'seminar:{self.pk}:{part}')}"

    def partner_lists(self):
        """(total, presenters, other participants) from the prefetched live participations.

        The total is the release's declared number when it gives one, else the number of
        named live partners.
        """
        participations = getattr(self, "live_participations", None)
        if participations is None:
            participations = list(self.participations.filter(live_q("city__")).select_related("city"))
        presenters = [p.city for p in participations if p.role == Participation.Role.PRESENTER]
        others = [p.city for p in participations if p.role != Participation.Role.PRESENTER]
        total = self.declared_city_total if self.declared_city_total is not None else len(participations)
        return total, presenters, others


class Session(TranslatedContent):
    """A part of a seminar with its own times (e.g. morning and evening, for other time zones).

    Times are stored in UTC; the admin takes them in Japan time (settings.TIME_ZONE).
    """

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("seminar")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Morning session"))
    start = models.DateTimeField(_("starts"), help_text=_("Japan time (JST)."))
    end = models.DateTimeField(_("ends"), help_text=_("Japan time (JST)."))

    class Meta:
        ordering = ["seminar", "order", "start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="session_ends_on_or_after_start",
                violation_error_message=_("A session cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.start_in_japan:%Y-%m-%d %H:%M} JST)"

    @property
    def start_in_japan(self):
        return self.start.astimezone(JAPAN)

    @property
    def end_in_japan(self):
        return self.end.astimezone(JAPAN)

    @property
    def start_utc(self):
        return self.start.astimezone(datetime.UTC)

    @property
    def end_utc(self):
        return self.end.astimezone(datetime.UTC)


class ProgrammeItem(TranslatedContent):
    """One line of a seminar's programme ("Video message by Governor Koike")."""

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="programme_items", verbose_name=_("seminar")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("text"), max_length=300)

    class Meta:
        ordering = ["seminar", "order", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.text


class Participation(CleanTextModel):
    """A partner's part in one seminar."""

    class Role(models.TextChoices):
        PRESENTER = "presenter", _("Presenter")
        PARTICIPANT = "participant", _("Participant")

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="participations", verbose_name=_("seminar")
    )
    # PROTECT: deleting a partner would silently change published seminar pages.
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("partner city or region"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT)

    class Meta:
        # Slugs are English names: the alphabetical order the releases use.
        ordering = ["seminar", "city__slug"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["seminar", "city"],
                name="one_participation_per_city_and_seminar",
                violation_error_message=_("This partner is already listed for this seminar."),
            )
        ]

    def __str__(self):
        return f"{self.city} – {self.get_role_display()}"


def photo_upload_to(instance, filename):
    return f"seminars/{instance.seminar.slug}/{filename}"


class SeminarPhotoQuerySet(models.QuerySet):
    def public_for(self, user):
        """Photos of the seminars `user` may see (drafts' photos only for staff who may preview)."""
        return self.filter(seminar__in=Seminar.objects.visible_to(user))


class SeminarPhoto(TranslatedContent):
    """A photo of a seminar, with the text a screen reader reads instead (required)."""

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="photos", verbose_name=_("seminar")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    image = CheckedImageField(
        _("image"),
        upload_to=photo_upload_to,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    objects = SeminarPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["seminar", "order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.alt_text
