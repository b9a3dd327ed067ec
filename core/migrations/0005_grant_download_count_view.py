"""Editors and publishers see the download figures on the admin dashboard."""

from django.db import migrations

from core.permissions import grant_to_staff_groups, revoke_from_staff_groups

CODENAMES = ["view_downloadcount"]


def grant(apps, schema_editor):
    grant_to_staff_groups(apps, "core", CODENAMES)


def revoke(apps, schema_editor):
    revoke_from_staff_groups(apps, "core", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_add_editorial_workflow"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
