from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from categories.models import Category
from core.i18n import shown_language


class LanguageMarkedSelect(forms.Select):
    """A select whose options carry `lang` when their label is shown in another language
    (a category not yet translated falls back to English)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        shown = shown_language(instance, "title") if instance is not None else None
        if shown and shown != get_language():
            option["attrs"]["lang"] = shown
        return option


class CategoryChoiceField(forms.ModelChoiceField):
    widget = LanguageMarkedSelect

    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.title}"


class InitiativeFilterForm(forms.Form):
    """The initiative list's filter, read from the query string."""

    category = CategoryChoiceField(
        label=_("Category"),
        queryset=Category.objects.live(),
        to_field_name="slug",
        required=False,
        empty_label=_("All categories"),
        error_messages={"invalid_choice": _("Choose a category from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Per request: the choices are the categories live now, not when the module was imported.
        self.fields["category"].queryset = Category.objects.live()
