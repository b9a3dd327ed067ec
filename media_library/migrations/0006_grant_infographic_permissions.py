from django.db import migrations

from core.permissions import grant_content_permissions


def grant(apps, schema_editor):
    # The ZIPs are built by the site; editors may see their download counts (the admin is read-only).
    grant_content_permissions(apps, "media_library", publishable=["infographic"], attached=["infographicarchive"])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    codenames = [
        f"{action}_{model}"
        for model in ("infographic", "infographicarchive")
        for action in ("add", "change", "view", "delete", "publish")
    ]
    for group in Group.objects.filter(name__in=["Editor", "Publisher"]):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="media_library", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("media_library", "0005_add_infographics_renditions_archives"),
        ("core", "0002_create_editor_and_publisher_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
