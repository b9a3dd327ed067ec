"""Model fields that several apps share: checked uploads, stored without metadata."""

import logging

from django import forms
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from PIL import Image

from core.images import strip_metadata
from core.validators import validate_image

logger = logging.getLogger(__name__)

IMAGE_ACCEPT = "image/png,image/jpeg,image/webp"


class MetadataFreeFileMixin:
    """Every new file content is stored without metadata (see core.images), whatever path
    saves it: a form upload (committed in pre_save), the loader, a test."""

    def save(self, name, content, save=True):
        content.seek(0)
        cleaned = strip_metadata(content.read())
        super().save(name, ContentFile(cleaned), save=save)


class MetadataFreeFieldFile(MetadataFreeFileMixin, FieldFile):
    pass


class MetadataFreeImageFieldFile(MetadataFreeFileMixin, ImageFieldFile):
    pass


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


def stored_image_size(file):
    """(width, height) read from the stored file's header, or (None, None) if it cannot be read."""
    try:
        with file.storage.open(file.name, "rb") as fh, Image.open(fh) as image:
            return image.size
    except Exception:
        logger.warning("Could not read the size of the image %s", file.name)
        return None, None


class CheckedImageField(models.ImageField):
    """An ImageField whose upload check is validate_image, stored without metadata, whose
    pixel size is read once when a file is saved and never when a page is rendered.

    Django's ImageField reads the file to fill `width_field`/`height_field` whenever a
    model is loaded with them empty: a page listing 30 videos opened 30 files, and one
    missing file broke it. Here the size is read in pre_save (a new file, or a size not
    yet known), and loading a model reads nothing.
    """

    attr_class = MetadataFreeImageFieldFile
    default_validators = [validate_image]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Reads nothing: see pre_save."""

    def pre_save(self, model_instance, add):
        current = getattr(model_instance, self.attname)
        new_file = bool(current) and not current._committed
        file = super().pre_save(model_instance, add)
        if self.width_field and self.height_field:
            if not file:
                width = height = None
            elif new_file or getattr(model_instance, self.width_field) is None:
                width, height = stored_image_size(file)
            else:
                return file
            setattr(model_instance, self.width_field, width)
            setattr(model_instance, self.height_field, height)
        return file


class CheckedFileField(models.FileField):
    """A FileField (PDF, or an image for a card) whose images are stored without metadata."""

    attr_class = MetadataFreeFieldFile
