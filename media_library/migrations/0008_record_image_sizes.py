"""Record the pixel size of images saved without one (the content loader's), so that
rendering a page never has to open an image file to learn it."""

from django.db import migrations

from core.fields import stored_image_size

IMAGES = {
    "Video": ("thumbnail", "thumbnail_width", "thumbnail_height"),
    "Publication": ("cover", "cover_width", "cover_height"),
}


def record_sizes(apps, schema_editor):
    for model_name, (field, width_field, height_field) in IMAGES.items():
        model = apps.get_model("media_library", model_name)
        for obj in model.objects.filter(**{f"{width_field}__isnull": True}).exclude(**{field: ""}):
            width, height = stored_image_size(getattr(obj, field))
            if width:
                model.objects.filter(pk=obj.pk).update(**{width_field: width, height_field: height})


class Migration(migrations.Migration):
    dependencies = [("media_library", "0007_record_document_metadata")]

    operations = [migrations.RunPython(record_sizes, migrations.RunPython.noop)]
