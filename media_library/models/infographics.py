import dataclasses
import hashlib
import io
import json
import shutil
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_cleanup import cleanup
from modeltranslation.utils import build_localized_fieldname
from PIL import Image

from core.fields import CheckedImageField
from core.files import ZIP
from core.models import Publishable, PublishableQuerySet, StoredFile, live_index

# Rendition widths in pixels; an original narrower than the largest gives its own width instead.
RENDITION_WIDTHS = (480, 960, 1440)

# The EXIF orientation tag and the transposition that turns each value upright (as
# Pillow's ImageOps.exif_transpose does, without its full-size copy).
ORIENTATION = 0x0112
TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
RENDITION_FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
# The width the <img> falls back to when a browser ignores srcset.
FALLBACK_WIDTH = 960
COPY_CHUNK = 1024 * 1024


def rendition_widths(original_width):
    """[480, 960, 1440] for a wide original; [480, 960, 1200] for 1200 px; never an upscale."""
    largest = min(original_width, RENDITION_WIDTHS[-1])
    return [*(w for w in RENDITION_WIDTHS if w < largest), largest]


@dataclasses.dataclass(frozen=True)
class Picture:
    """What a <picture> needs: a srcset per format, and a fallback <img> with its size."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int


class InfographicQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Infographics with their category and renditions: two queries, whatever the count."""
        return self.select_related("category").prefetch_related("renditions")

    def for_feed(self):
        """Feed entries: each with its category (one query); the original is on the row."""
        return self.select_related("category")

    def for_api(self):
        """Open-data records: each with its category only if that is live (`api_category`):
        two queries; the original's facts are on the row."""
        category = self.model._meta.get_field("category").related_model
        return self.prefetch_related(
            models.Prefetch("category", queryset=category.objects.live(), to_attr="api_category")
        )


class Infographic(Publishable, StoredFile):
    """An image of information. The original is kept for download; pages show renditions.

    The renditions (WebP and JPEG at a few widths) are made once, when a new original
    is saved, and kept in storage; no request ever resizes an image.
    """

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("ASCII, the same in every language.")
    )
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.TextField(
        _("alternative text"),
        help_text=_(
            "What the image says, for people who cannot see it. Required: it is an image of information."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    text_version = models.TextField(
        _("text version"),
        blank=True,
        help_text=_(
            "The infographic's information as text (a long description), for people who cannot see "
            "it: linked from the image and included in the ZIP of all infographics."
        ),
    )
    file = CheckedImageField(_("original image"), upload_to="infographics/originals/")
    category = models.ForeignKey(
        "categories.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="infographics",
        verbose_name=_("category"),
    )
    position = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Infographics are listed by this number, smallest first.")
    )

    objects = InfographicQuerySet.as_manager()

    class Meta:
        indexes = [live_index()]
        ordering = ["position", "id"]
        verbose_name = _("infographic")
        verbose_name_plural = _("infographics")
        permissions = [("publish_infographic", _("Can publish infographics"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("media_library:infographic_list") + f"#{self.slug}"

    def get_download_url(self):
        return reverse("media_library:infographic_download", kwargs={"slug": self.slug})

    @property
    def download_filename(self):
        return f"{self.title}.{self.extension or 'bin'}"

    def save(self, *args, **kwargs):
        # Compare with the stored name: a file saved with save=False (the loader) is already
        # "committed", so only the database tells whether the original is new.
        stored_name = type(self).objects.filter(pk=self.pk).values_list("file", flat=True).first()
        super().save(*args, **kwargs)
        if self.file and self.file.name != stored_name:
            self.make_renditions()

    def make_renditions(self):
        """Replace the renditions with new ones made from the original.

        Memory stays bounded: a JPEG is decoded at the smallest scale that still covers
        the largest rendition (draft mode); any other image is decoded once (4 bytes a
        pixel at most: 100 MB at the 25-megapixel cap) and shrunk by a whole factor
        (reduce, cheap) to at most twice that width before the fine resizing. A rotation
        (rare: uploads are stored upright, see core.images) is applied to the shrunk
        picture, and nothing is copied at full size.
        """
        self.renditions.all().delete()
        largest = RENDITION_WIDTHS[-1]
        with self.file.open("rb") as fh, Image.open(fh) as original:
            if original.format == "JPEG":
                wanted = 2 * largest
                original.draft("RGB", (wanted, round(original.height * wanted / original.width)))
            orientation = original.getexif().get(ORIENTATION, 1)
            turned = orientation in (5, 6, 7, 8)
            factor = (original.height if turned else original.width) // (2 * largest)
            image = original.reduce(factor) if factor > 1 else original
            if orientation in TRANSPOSITIONS:
                image = image.transpose(TRANSPOSITIONS[orientation])
            if image.mode != "RGB":
                # JPEG has no transparency: flatten onto white, as the image would show on the page.
                background = Image.new("RGB", image.size, "white")
                background.paste(image, mask=image.convert("RGBA").getchannel("A"))
                image = background
            self._save_renditions(image)
        self.__dict__.pop("picture", None)

    def _save_renditions(self, image):
        for width in rendition_widths(image.width):
            height = max(1, round(image.height * width / image.width))
            resized = (
                image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
            )
            for fmt, (pillow_format, options) in RENDITION_FORMATS.items():
                buffer = io.BytesIO()
                resized.save(buffer, pillow_format, **options)
                rendition = InfographicRendition(infographic=self, format=fmt, width=width, height=height)
                extension = "jpg" if fmt == "jpeg" else fmt
                rendition.file.save(
                    f"{self.slug}-{width}w.{extension}", ContentFile(buffer.getvalue()), save=False
                )
                rendition.save()
        self.__dict__.pop("picture", None)

    @cached_property
    def picture(self):
        """srcsets for <picture>, from the (prefetched) renditions; None if there are none."""
        by_format = {"webp": [], "jpeg": []}
        for rendition in self.renditions.all():
            by_format[rendition.format].append(rendition)
        if not by_format["jpeg"]:
            return None
        for renditions in by_format.values():
            renditions.sort(key=lambda r: r.width)
        jpegs = by_format["jpeg"]
        fallback = next((r for r in reversed(jpegs) if r.width <= FALLBACK_WIDTH), jpegs[0])
        return Picture(
            webp_srcset=", ".join(f"{r.file.url} {r.width}w" for r in by_format["webp"]),
            jpeg_srcset=", ".join(f"{r.file.url} {r.width}w" for r in jpegs),
            src=fallback.file.url,
            width=fallback.width,
            height=fallback.height,
        )

    @property
    def smallest_rendition(self):
        jpegs = [r for r in self.renditions.all() if r.format == "jpeg"]
        return min(jpegs, key=lambda r: r.width) if jpegs else None


@cleanup.ignore  # the site deletes them itself (delete_rendition_file)
class InfographicRendition(models.Model):
    """A resized copy of an infographic, in storage; made by Infographic.make_renditions()."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    infographic = models.ForeignKey(
        Infographic, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("infographic")
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    file = models.FileField(_("file"), upload_to="infographics/renditions/", max_length=200)

    class Meta:
        ordering = ["infographic", "format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=["infographic", "format", "width"], name="one_rendition_per_size")
        ]

    def __str__(self):
        return f"{self.infographic} ({self.format}, {self.width} px)"


def _readme(infographics, names):
    """A plain-text list of the archive's images with their titles and text alternatives."""
    lines = ["Tokyo 2020 legacy infographics", ""]
    for infographic, name in zip(infographics, names, strict=True):
        lines.append(name)
        for code, _label in settings.LANGUAGES:
            title = getattr(infographic, build_localized_fieldname("title", code)) or ""
            alt = getattr(infographic, build_localized_fieldname("alt_text", code)) or ""
            text = getattr(infographic, build_localized_fieldname("text_version", code)) or ""
            if title or alt or text:
                lines.append(f"  [{code}] {title}")
                lines += [f"       {line}" for line in alt.splitlines() if line.strip()]
                lines += [f"       {line}" for line in text.splitlines() if line.strip()]
        lines.append("")
    return "\n".join(lines)


def write_archive(fileobj, infographics):
    """Write a ZIP of the infographics' originals to `fileobj`, one chunk at a time.

    Each original is copied from storage in chunks of COPY_CHUNK bytes, so at most
    one chunk is in memory, however large or many the images are. Images are already
    compressed, so they are stored, not deflated.
    """
    names = [f"{n:02d}-{i.slug}.{i.extension or 'bin'}" for n, i in enumerate(infographics, 1)]
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED) as archive:
        for infographic, name in zip(infographics, names, strict=True):
            info = zipfile.ZipInfo(name, date_time=infographic.updated_at.timetuple()[:6])
            with infographic.file.open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
                shutil.copyfileobj(source, target, COPY_CHUNK)
        archive.writestr(
            zipfile.ZipInfo("README.txt", date_time=max(i.updated_at for i in infographics).timetuple()[:6]),
            _readme(infographics, names),
            compress_type=zipfile.ZIP_DEFLATED,
        )


@cleanup.ignore  # the site deletes superseded ZIPs itself (InfographicArchive._build)
class InfographicArchive(StoredFile):
    """The “download all” ZIP of every live infographic, built once per set and kept in storage.

    The fingerprint names the set: each live infographic's id, file and last change.
    When the set changes (an infographic is published, edited, unpublished or its
    publish_at arrives), the next download builds a new archive and the superseded
    one's file is deleted; its row stays, with its download counts.
    """

    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True, editable=False)
    image_count = models.PositiveSmallIntegerField(_("images"), default=0, editable=False)
    file = models.FileField(_("file"), upload_to="infographics/archives/", blank=True, editable=False)
    created_at = models.DateTimeField(_("built"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("infographics ZIP")
        verbose_name_plural = _("infographics ZIPs")

    def __str__(self):
        return f"ZIP of {self.image_count} infographics ({self.fingerprint[:12]})"

    def get_absolute_url(self):
        return reverse("media_library:infographic_archive")

    @property
    def download_filename(self):
        return ngettext(
            "Tokyo 2020 legacy infographics (%(count)s image).zip",
            "Tokyo 2020 legacy infographics (%(count)s images).zip",
            self.image_count,
        ) % {"count": self.image_count}

    @property
    def download_item(self):
        return gettext("All infographics")

    @property
    def is_current(self):
        return bool(self.file)

    @staticmethod
    def fingerprint_of_state(count, latest, id_sum):
        """The set of live infographics, named by how many there are, their latest change
        and the sum of their ids: any publish, edit, unpublish, deletion or scheduled
        moment changes one of them (every save moves `updated_at`)."""
        key = [count, latest.isoformat() if latest else None, id_sum]
        return hashlib.sha256(json.dumps(key).encode()).hexdigest()

    @classmethod
    def fingerprint_of(cls, infographics):
        return cls.fingerprint_of_state(
            len(infographics),
            max((i.updated_at for i in infographics), default=None),
            sum(i.pk for i in infographics),
        )

    @classmethod
    def current(cls, *, build=False):
        """The archive of the live infographics: None if there are none, or (build=False)
        if it has not been built yet.

        One query: the archive that has a file (building one deletes the file of the one
        before), with the live set's state computed beside it by the database, so a page
        needs neither the list of every infographic nor a second query.
        """
        live = Infographic.objects.live().order_by().values("status")

        def state(expression, field):
            return models.Subquery(live.annotate(value=expression).values("value")[:1], output_field=field)

        archive = (
            cls.objects.exclude(file="")
            .annotate(
                live_count=state(models.Count("pk"), models.IntegerField()),
                live_latest=state(models.Max("updated_at"), models.DateTimeField()),
                live_id_sum=state(models.Sum("pk"), models.BigIntegerField()),
            )
            .order_by("-created_at", "-id")
            .first()
        )
        if archive and archive.fingerprint == cls.fingerprint_of_state(
            archive.live_count, archive.live_latest, archive.live_id_sum
        ):
            return archive
        if not build:
            return None
        infographics = list(Infographic.objects.live())
        if not infographics:
            return None
        return cls._build(infographics, cls.fingerprint_of(infographics))

    @classmethod
    def _build(cls, infographics, fingerprint):
        # A set can come back (unpublished, then published again): its row is reused.
        archive = cls.objects.filter(fingerprint=fingerprint).first() or cls(fingerprint=fingerprint)
        archive.image_count = len(infographics)
        archive.mime_type = ZIP
        with tempfile.TemporaryFile() as spool:
            write_archive(spool, infographics)
            archive.size = spool.tell()
            spool.seek(0)
            digest = hashlib.sha256()
            while chunk := spool.read(COPY_CHUNK):
                digest.update(chunk)
            archive.sha256 = digest.hexdigest()
            spool.seek(0)
            archive.file.save(f"infographics-{fingerprint[:16]}.zip", File(spool), save=False)
        try:
            with transaction.atomic():
                archive.save()
        except IntegrityError:
            # Another request built the same set at the same moment: use theirs.
            archive.file.delete(save=False)
            return cls.objects.get(fingerprint=fingerprint)
        for old in cls.objects.exclude(pk=archive.pk).exclude(file=""):
            old.file.delete(save=False)
            cls.objects.filter(pk=old.pk).update(file="")
        return archive


def delete_rendition_file(sender, instance, **kwargs):
    """A deleted rendition takes its file with it, once the deletion is committed."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
