from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import DownloadCountsMixin, PublishableAdmin, translated_search_fields
from initiatives.models import Initiative, InitiativeDocument


class InitiativeDocumentInline(DownloadCountsMixin, admin.TabularInline):
    model = InitiativeDocument
    extra = 0
    fields = ("language", "file", "size", "page_count", "download_counts")
    readonly_fields = ("size", "page_count", "download_counts")


@admin.register(Initiative)
class InitiativeAdmin(PublishableAdmin):
    list_display = ("number", "title", "category")
    list_display_links = ("number", "title")
    list_filter = ("status", "category")
    list_select_related = ("category",)
    search_fields = ["slug", *translated_search_fields("title", "summary")]
    autocomplete_fields = ("category",)
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [InitiativeDocumentInline]
    fieldsets = (
        (None, {"fields": ("number", "title", "slug", "category", "summary", "body", "as_of")}),
        (_("Publishing"), {"fields": ("status", "publish_at", "created_at", "updated_at")}),
    )
