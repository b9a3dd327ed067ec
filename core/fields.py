"""Model fields that several apps share."""

from django import forms
from django.db import models

from core.validators import validate_image

IMAGE_ACCEPT = "image/png,image/jpeg,image/webp"


class CheckedImageFormField(forms.FileField):
    """An upload checked by core.validators.validate_image alone.

    Django's forms.ImageField opens the file with Pillow first and answers every
    problem (an SVG, a bomb, a truncated file) with one generic message; this field
    leaves the check, and its specific messages, to the shared validator. It runs
    in the form's field cleaning, so a refused file never reaches the model (whose
    width/height update would open it again) or storage.
    """

    default_validators = [validate_image]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = IMAGE_ACCEPT
        return attrs


class CheckedImageField(models.ImageField):
    """An ImageField whose only upload check is validate_image, in forms and in full_clean()."""

    default_validators = [validate_image]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})
