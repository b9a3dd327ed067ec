from django.db import migrations

from core.permissions import grant_content_permissions, revoke_content_permissions


def grant(apps, schema_editor):
    grant_content_permissions(apps, "media_library", publishable=["video"])


def revoke(apps, schema_editor):
    revoke_content_permissions(apps, "media_library")


class Migration(migrations.Migration):
    dependencies = [
        ("media_library", "0001_add_videos"),
        ("core", "0002_create_editor_and_publisher_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
