from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import (
    AttachedFileInlineMixin,
    CleanTextAdminMixin,
    DownloadCountsMixin,
    PublishableAdmin,
    SafeSaveAdminMixin,
    locked_for_editor,
    thumbnail,
    translated_search_fields,
)
from core.admin_workflow import WorkflowAdminMixin
from core.models import Status
from core.templatetags.portal import download_label
from media_library.models import Edition, EditionFile, Infographic, InfographicArchive, Publication, Video
from media_library.models.videos import Player

# Django 6 will assume https for addresses typed without a scheme; do so already.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
PUBLISHING = (_("Publishing"), {"fields": ("status", "publish_at", "uuid", "created_at", "updated_at")})


@admin.register(Video)
class VideoAdmin(PublishableAdmin):
    list_display = (
        "position",
        "thumbnail_column",
        "title",
        "duration_label",
        "player_label",
        "used_by_count",
    )
    list_display_links = ("title",)
    list_filter = ("status", "featured", "categories")
    search_fields = ["slug", "url", *translated_search_fields("title", "description")]
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("categories",)
    formfield_overrides = URL_FIELDS
    readonly_fields = (*PublishableAdmin.readonly_fields, "used_by")
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "url", "source", "duration", "thumbnail")}),
        (_("Captions or transcript"), {"fields": ("transcript",)}),
        (_("Relations"), {"fields": ("categories", "used_by", "featured", "position")}),
        PUBLISHING,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_count=Count("initiatives", distinct=True))

    @admin.display(description=_("thumbnail"))
    def thumbnail_column(self, obj):
        return thumbnail(obj.thumbnail)

    @admin.display(description=_("duration"), ordering="duration")
    def duration_label(self, obj):
        return obj.duration_label or "—"

    @admin.display(description=_("plays"))
    def player_label(self, obj):
        return Player(obj.player).label

    @admin.display(description=_("used by initiatives"), ordering="initiative_count")
    def used_by_count(self, obj):
        return obj.initiative_count

    @admin.display(description=_("used by initiatives"))
    def used_by(self, obj):
        """The initiatives that list this video, linked to their admin pages."""
        initiatives = obj.initiatives.order_by("number") if obj.pk else []
        if not initiatives:
            return _("No initiative lists this video.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((reverse("admin:initiatives_initiative_change", args=[i.pk]), str(i)) for i in initiatives),
            ),
        )


class EditionInline(CleanTextAdminMixin, TranslationTabularInline):
    model = Edition
    extra = 0
    show_change_link = True
    fields = ("position", "note", "published_on", "date_precision", "medium", "isbn", "file_count")
    readonly_fields = ("file_count",)

    @admin.display(description=_("files"))
    def file_count(self, obj):
        return obj.files.count() if obj.pk else 0


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    list_display = ("position", "cover_thumbnail", "title", "kind")
    list_display_links = ("title",)
    list_filter = ("status", "kind")
    search_fields = ["slug", *translated_search_fields("title", "summary")]
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [EditionInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary", "publisher", "position")}),
        (_("Cover"), {"fields": ("cover", "cover_alt_text")}),
        (
            _("Accessible formats"),
            {"fields": ("accessible_format_contact", "accessible_format_email", "accessible_format_phone")},
        ),
        PUBLISHING,
    )

    @admin.display(description=_("cover"))
    def cover_thumbnail(self, obj):
        return thumbnail(obj.cover)


class EditionFileInline(
    AttachedFileInlineMixin, CleanTextAdminMixin, DownloadCountsMixin, admin.TabularInline
):
    model = EditionFile
    extra = 0
    fields = (
        "language",
        "file",
        "title",
        "alt_text",
        "source_url",
        "facts",
        "document_metadata",
        "download_counts",
    )
    readonly_fields = ("facts", "document_metadata", "download_counts")
    formfield_overrides = URL_FIELDS

    def root_of(self, edition):
        return edition.publication

    @admin.display(description=_("format, size, pages"))
    def facts(self, obj):
        if not obj.pk:
            return "—"
        return download_label(obj)


@admin.register(Edition)
class EditionAdmin(WorkflowAdminMixin, SafeSaveAdminMixin, CleanTextAdminMixin, TabbedTranslationAdmin):
    """Each edition's files, one per language (the publication's page lists its editions)."""

    list_display = ("__str__", "publication", "published_on", "medium")
    list_filter = ("publication",)
    list_select_related = ("publication",)
    search_fields = translated_search_fields("note")
    autocomplete_fields = ("publication",)
    inlines = [EditionFileInline]
    fields = ("publication", "note", "published_on", "date_precision", "medium", "isbn", "position")

    class Media:
        css = {"all": ("admin/portal-admin.css",)}

    def get_readonly_fields(self, request, obj=None):
        # An edition stays with its publication: moving it to a published one would publish it.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "publication"] if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        locked = obj is not None and locked_for_editor(request, obj.publication)
        return not locked and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "publication" and not request.user.has_perm(Publication.publish_permission()):
            # Editors add editions to unpublished publications only.
            field.queryset = field.queryset.exclude(status=Status.PUBLISHED)
        return field


@admin.register(Infographic)
class InfographicAdmin(DownloadCountsMixin, PublishableAdmin):
    list_display = ("position", "thumbnail_column", "title", "category", "download_counts")
    list_display_links = ("title",)
    list_filter = ("status", "category")
    list_select_related = ("category",)
    search_fields = ["slug", *translated_search_fields("title", "alt_text")]
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = (*PublishableAdmin.readonly_fields, "thumbnail_column", "facts", "download_counts")
    fieldsets = (
        (None, {"fields": ("title", "slug", "alt_text", "description", "category", "position")}),
        (_("Text version"), {"fields": ("text_version",)}),
        (_("Image"), {"fields": ("file", "thumbnail_column", "facts", "download_counts")}),
        PUBLISHING,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    @admin.display(description=_("thumbnail"))
    def thumbnail_column(self, obj):
        rendition = obj.smallest_rendition if obj.pk else None
        return thumbnail(rendition.file if rendition else None)

    @admin.display(description=_("format, size, pixels"))
    def facts(self, obj):
        if not obj.pk:
            return "—"
        sample = ", " + str(_("sample file made by the portal")) if obj.is_sample else ""
        return f"{obj.format_label}, {filesizeformat(obj.size)}, {obj.width} × {obj.height}{sample}"


@admin.register(InfographicArchive)
class InfographicArchiveAdmin(DownloadCountsMixin, admin.ModelAdmin):
    """The “download all” ZIPs: read-only, for their download counts. The site builds them."""

    list_display = ("created_at", "image_count", "size", "is_current_label", "download_counts")
    readonly_fields = ("created_at", "image_count", "size", "fingerprint", "download_counts")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("current"), boolean=True)
    def is_current_label(self, obj):
        return obj.is_current
