import dataclasses
import re
from urllib.parse import parse_qs, urlsplit

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.fields import CheckedImageField
from core.models import Publishable, PublishableQuerySet, live_index, related

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_PATH = re.compile(r"/(?:embed|shorts|live|v)/([^/]+)")
YOUTUBE_TIME = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")
NOCOOKIE_EMBED = "https://www.youtube-nocookie.com/embed/"


@dataclasses.dataclass(frozen=True)
class YouTubeVideo:
    id: str
    start: int = 0

    @property
    def embed_url(self):
        """The no-cookie player; it autoplays because it is loaded only when the visitor clicks play."""
        query = "autoplay=1" + (f"&start={self.start}" if self.start else "")
        return f"{NOCOOKIE_EMBED}{self.id}?{query}"


def parse_youtube_url(url):
    """A YouTube watch, short, embed or youtu.be address -> YouTubeVideo; None for anything else."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if host not in YOUTUBE_HOSTS:
        return None
    query = parse_qs(parts.query)
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif parts.path == "/watch":
        candidate = query.get("v", [""])[0]
    else:
        match = YOUTUBE_PATH.match(parts.path)
        candidate = match.group(1) if match else ""
    if not YOUTUBE_ID.fullmatch(candidate):
        return None
    time = YOUTUBE_TIME.fullmatch((query.get("t") or query.get("start") or [""])[0])
    start = 0
    if time:
        hours, minutes, seconds = (int(part or 0) for part in time.groups())
        start = hours * 3600 + minutes * 60 + seconds
    return YouTubeVideo(candidate, start)


class Player(models.TextChoices):
    YOUTUBE = "youtube", _("YouTube, played here after a click")
    EXTERNAL = "external", _("Another website")
    NONE = "none", _("No known address")


class VideoQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Videos as list cards need nothing beyond their own row."""
        return self

    def for_detail(self):
        """A video with its live categories and live initiatives (each with its category):
        three queries, whatever the numbers."""
        category = self.model._meta.get_field("categories").related_model
        initiative = self.model._meta.get_field("initiatives").related_model
        return self.prefetch_related(
            Prefetch("categories", queryset=category.objects.live(), to_attr="live_categories"),
            Prefetch(
                "initiatives",
                queryset=related(initiative.objects.live().select_related("category")),
                to_attr="live_initiatives",
            ),
        )

    def for_api(self):
        """Open-data records: each with its live categories (`api_categories`): two queries."""
        category = self.model._meta.get_field("categories").related_model
        return self.prefetch_related(
            Prefetch(
                "categories", queryset=category.objects.live().order_by("number"), to_attr="api_categories"
            )
        )

    def featured(self):
        """The videos an editor chose for the home page."""
        return self.filter(featured=True)


class Video(Publishable):
    """A film about the legacy, played from YouTube, linked on another site, or only listed.

    The site never hosts the video itself. A YouTube address gets a click-to-play
    facade (no request to YouTube until the visitor asks); any other address is an
    external link; a video whose address is not known is listed without a player.
    """

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("ASCII, the same in every language.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(
        _("web address"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_(
            "The video's page on YouTube or another site. Leave empty when the address is not known: "
            "the video is then listed without a player."
        ),
    )
    source = models.CharField(
        _("where it is published"),
        max_length=300,
        blank=True,
        help_text=_("For example the channel that published it. Shown on the video's page."),
    )
    duration = models.PositiveIntegerField(
        _("duration in seconds"), null=True, blank=True, help_text=_("Shown as minutes and seconds: 0:30.")
    )
    thumbnail = CheckedImageField(
        _("thumbnail"),
        upload_to="videos/",
        blank=True,
        width_field="thumbnail_width",
        height_field="thumbnail_height",
        help_text=_("Decorative: shown beside the title, without alternative text."),
    )
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    transcript = models.TextField(_("captions or transcript"), blank=True)
    categories = models.ManyToManyField(
        "categories.Category", blank=True, related_name="videos", verbose_name=_("related categories")
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    position = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Videos are listed by this number, smallest first.")
    )

    objects = VideoQuerySet.as_manager()

    class Meta:
        # The list's order (its first page reads 50 rows, not all of them sorted) and the
        # home page's featured films (a few rows among thousands).
        indexes = [
            live_index(),
            models.Index(fields=["position", "id"], name="video_list_order"),
            models.Index(
                fields=["position", "id"], condition=models.Q(featured=True), name="video_featured_order"
            ),
        ]
        ordering = ["position", "id"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        permissions = [("publish_video", _("Can publish videos"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("media_library:video_detail", kwargs={"slug": self.slug})

    @cached_property
    def youtube(self):
        return parse_youtube_url(self.url)

    @property
    def player(self):
        if self.youtube:
            return Player.YOUTUBE
        return Player.EXTERNAL if self.url else Player.NONE

    @property
    def external_host(self):
        """The other website's name, for the notice that the link leaves this site."""
        host = (urlsplit(self.url).hostname or "") if self.url else ""
        return host.removeprefix("www.")

    @property
    def duration_label(self):
        """0:30, 4:05, 1:02:03."""
        if self.duration is None:
            return ""
        hours, rest = divmod(self.duration, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def duration_iso(self):
        """The duration as HTML's <time datetime> wants it: PT30S, PT1H2M3S."""
        if self.duration is None:
            return ""
        hours, rest = divmod(self.duration, 3600)
        minutes, seconds = divmod(rest, 60)
        parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else "", f"{seconds}S"]
        return "PT" + "".join(parts)
