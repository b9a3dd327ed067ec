from django import forms
from django.utils.translation import gettext_lazy as _

from categories.models import Category


class CategoryChoiceField(forms.ModelChoiceField):
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
