from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from core.admin import (
    CleanTextAdminMixin,
    PublishableAdmin,
    thumbnail,
    translated_search_fields,
)
from seminars.models import (
    City,
    Participation,
    ProgrammeItem,
    ReleaseLanguage,
    Seminar,
    SeminarPhoto,
    Session,
)


@admin.register(City)
class CityAdmin(PublishableAdmin):
    list_display = ("name", "country", "kind")
    list_display_links = ("name",)
    list_filter = ("status", "kind")
    # Also what the participation inline's autocomplete searches.
    search_fields = ["slug", *translated_search_fields("name", "country")]
    prepopulated_fields = {"slug": ("name_en",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "country")}),
        (_("Location (optional)"), {"fields": ("latitude", "longitude")}),
        (_("Publishing"), {"fields": ("status", "publish_at", "uuid", "created_at", "updated_at")}),
    )


class SessionInline(CleanTextAdminMixin, TranslationTabularInline):
    model = Session
    extra = 0
    fields = ("order", "name", "start", "end")


class ProgrammeItemInline(CleanTextAdminMixin, TranslationTabularInline):
    model = ProgrammeItem
    extra = 0
    fields = ("order", "text")


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ("city", "role")
    autocomplete_fields = ("city",)


class SeminarPhotoInline(CleanTextAdminMixin, TranslationStackedInline):
    model = SeminarPhoto
    extra = 0
    fields = ("order", "image", "preview", "alt_text", "caption")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.image, size=160)


class SeminarAdminForm(forms.ModelForm):
    """The release languages as checkboxes (the model stores a JSON list of codes).

    No Meta: SeminarAdmin's fieldsets choose the fields.
    """

    release_languages = forms.MultipleChoiceField(
        label=_("Release also available in"),
        choices=ReleaseLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


@admin.register(Seminar)
class SeminarAdmin(PublishableAdmin):
    form = SeminarAdminForm
    list_display = ("title", "start_date", "edition", "format")
    list_display_links = ("title",)
    list_filter = ("status", "format")
    date_hierarchy = "start_date"
    search_fields = ["slug", *translated_search_fields("title", "series", "theme", "summary")]
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [SessionInline, ProgrammeItemInline, ParticipationInline, SeminarPhotoInline]
    fieldsets = (
        (None, {"fields": ("series", "edition", "title", "slug", "theme", "summary", "body")}),
        (_("When and where"), {"fields": ("format", "venue", "start_date", "end_date", "date_note")}),
        (
            _("Participants"),
            {"fields": ("declared_city_total",), "description": _("Name the partners in the table below.")},
        ),
        (_("Press release"), {"fields": ("issuing_office", "release_date", "release_languages")}),
        (
            _("Contact"),
            {
                "fields": (
                    "contact_section",
                    "contact_division",
                    "contact_office",
                    "contact_organisation",
                    "contact_phone",
                )
            },
        ),
        (_("Publishing"), {"fields": ("status", "publish_at", "uuid", "created_at", "updated_at")}),
    )
