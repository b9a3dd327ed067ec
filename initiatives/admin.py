from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import (
    AttachedFileInlineMixin,
    DownloadCountsMixin,
    PublishableAdmin,
    translated_search_fields,
)
from initiatives.models import Initiative, InitiativeDocument, InitiativeVideo


class InitiativeDocumentInline(AttachedFileInlineMixin, DownloadCountsMixin, admin.TabularInline):
    model = InitiativeDocument
    extra = 0
    fields = ("language", "file", "size", "page_count", "document_metadata", "download_counts")
    readonly_fields = ("size", "page_count", "document_metadata", "download_counts")


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
    autocomplete_fields = ("category",)
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [InitiativeDocumentInline, InitiativeVideoInline]
    fieldsets = (
        (None, {"fields": ("number", "title", "slug", "category", "summary", "body", "as_of")}),
        (_("Publishing"), {"fields": ("status", "publish_at", "created_at", "updated_at")}),
    )
