from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import CheckedImageField
from core.models import Publishable, PublishableQuerySet, RichTextField, live_index, live_q


class Colour(models.TextChoices):
    """Accent colours; each has a CSS token (`--accent-<name>`) with AA contrast on white."""

    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    GREEN = "green", _("Green")
    TEAL = "teal", _("Teal")
    BLUE = "blue", _("Blue")
    INDIGO = "indigo", _("Indigo")
    PURPLE = "purple", _("Purple")
    BROWN = "brown", _("Brown")
    PINK = "pink", _("Pink")


class CategoryQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Category cards with the number of live initiatives in each (one query: a count
        per category from the initiatives' index, no join and GROUP BY of every row)."""
        initiative = self.model._meta.get_field("initiatives").related_model
        counts = (
            initiative._base_manager.filter(live_q(), category=OuterRef("pk"))
            .order_by()
            .values("category")
            .annotate(count=Count("*"))  # not "pk": the index holds no id (see Initiative.Meta)
            .values("count")
        )
        return self.annotate(initiative_count=Coalesce(Subquery(counts), 0))

    def for_api(self):
        """Open-data records: each with its number of live initiatives (one query)."""
        return self.for_listing()


class Category(Publishable):
    """One of the nine legacy areas; its number is its display order."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 to 9: the area's number and display order."),
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("ASCII, the same in every language.")
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two plain sentences."))
    body = RichTextField(_("body"), blank=True)
    icon = CheckedImageField(
        _("icon or image"),
        upload_to="categories/",
        blank=True,
        width_field="icon_width",
        height_field="icon_height",
        help_text=_("Decorative: shown beside the title, without alternative text."),
    )
    icon_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    icon_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices, default=Colour.BLUE)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        indexes = [live_index()]
        ordering = ["number"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        permissions = [("publish_category", _("Can publish categories"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=9), name="category_number_1_to_9"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("categories:detail", kwargs={"slug": self.slug})
