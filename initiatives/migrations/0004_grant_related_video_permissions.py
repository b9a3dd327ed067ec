from django.db import migrations

from core.permissions import grant_content_permissions


def grant(apps, schema_editor):
    grant_content_permissions(apps, "initiatives", publishable=[], attached=["initiativevideo"])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.remove(*group.permissions.filter(codename__endswith="_initiativevideo"))


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0003_add_initiative_related_videos"),
        ("core", "0002_create_editor_and_publisher_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
