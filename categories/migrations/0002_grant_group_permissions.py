from django.db import migrations

from core.permissions import grant_content_permissions, revoke_content_permissions


def grant(apps, schema_editor):
    grant_content_permissions(apps, "categories", publishable=["category"])


def revoke(apps, schema_editor):
    revoke_content_permissions(apps, "categories")


class Migration(migrations.Migration):
    dependencies = [
        ("categories", "0001_add_category"),
        ("core", "0002_create_editor_and_publisher_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
