from django.contrib import admin
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from core.admin import (
    AttachedFileInlineMixin,
    DownloadCountsMixin,
    PublishableAdmin,
    translated_search_fields,
)
from core.templatetags.portal import download_label
from initiatives.models import Initiative, InitiativeDocument, InitiativeVideo


class InitiativeDocumentInline(AttachedFileInlineMixin, DownloadCountsMixin, admin.TabularInline):
    model = InitiativeDocument
    extra = 0
    fields = ("language", "file", "facts", "document_metadata", "download_counts")
    readonly_fields = ("facts", "document_metadata", "download_counts")

    @admin.display(description=_("format, size, pages"))
    def facts(self, obj):
        return download_label(obj) if obj.pk else "—"


class InitiativeVideoInline(admin.TabularInline):
    model = InitiativeVideo
    extra = 0
    fields = ("order", "video")
    autocomplete_fields = ("video",)
    verbose_name = _("related video")
    verbose_name_plural = _("related videos, in the order shown on the page")


@admin.register(Initiative)
class InitiativeAdmin(PublishableAdmin):
    list_display = ("number", "title", "category")
    list_display_links = ("number", "title")
    list_filter = ("status", "category")
    list_select_related = ("category",)
    search_fields = ["slug", *translated_search_fields("title", "summary")]
    autocomplete_fields = ("category", "source_publication")
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [InitiativeDocumentInline, InitiativeVideoInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "number",
                    "title",
                    "slug",
                    "category",
                    "source_publication",
                    "summary",
                    "body",
                    "as_of",
                )
            },
        ),
        (_("Publishing"), {"fields": ("status", "publish_at", "uuid", "created_at", "updated_at")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "number" and field is not None:
            field.help_text = f"{field.help_text} {number_help()}"
        return field


def number_help():
    """Which numbers are free, for the number's help text: "Free numbers: 7, 12. Next after
    the highest: 25." (one query)."""
    free, next_number = Initiative.objects.number_availability()
    if free:
        listed = pgettext("separator between numbers in a list", ", ").join(str(n) for n in free)
        text = gettext("Free numbers: %(numbers)s.") % {"numbers": listed}
    else:
        text = gettext("Every number from 1 to 24 is used.")
    return f"{text} " + gettext("Next after the highest: %(number)s.") % {"number": next_number}
