from django.db import migrations

from core.permissions import grant_content_permissions, revoke_content_permissions


def grant(apps, schema_editor):
    grant_content_permissions(
        apps,
        "seminars",
        publishable=["city", "seminar"],
        attached=["session", "programmeitem", "participation", "seminarphoto"],
    )


def revoke(apps, schema_editor):
    revoke_content_permissions(apps, "seminars")


class Migration(migrations.Migration):
    dependencies = [
        ("seminars", "0001_add_seminars_and_partner_cities"),
        ("core", "0002_create_editor_and_publisher_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
