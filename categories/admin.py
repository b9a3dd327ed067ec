from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from categories.models import Category
from core.admin import PublishableAdmin, thumbnail, translated_search_fields


@admin.register(Category)
class CategoryAdmin(PublishableAdmin):
    list_display = ("number", "icon_thumbnail", "title", "colour")
    list_display_links = ("number", "title")
    list_filter = ("status", "colour")
    search_fields = ["slug", *translated_search_fields("title", "summary")]
    prepopulated_fields = {"slug": ("title_en",)}
    fieldsets = (
        (None, {"fields": ("number", "title", "slug", "summary", "body")}),
        (_("Appearance"), {"fields": ("icon", "colour")}),
        (_("Publishing"), {"fields": ("status", "publish_at", "uuid", "created_at", "updated_at")}),
    )

    @admin.display(description=_("icon"))
    def icon_thumbnail(self, obj):
        return thumbnail(obj.icon)
