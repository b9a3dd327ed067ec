"""Group permissions, granted from data migrations.

Editors write and translate content and may attach files; publishers may do all
that plus publish, schedule, unpublish and delete. Each content app grants its own
models' permissions in a data migration that calls `grant_content_permissions`.
"""

EDITOR = "Editor"
PUBLISHER = "Publisher"


def _ensure_permissions(apps, app_label):
    # Permissions are normally created after migrate; a data migration on a fresh
    # database runs before that, so create them now (it is idempotent).
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant_content_permissions(apps, app_label, *, publishable, attached=()):
    """Give Editor and Publisher their permissions on one app's models.

    `publishable`: model names with a status (editors may not publish or delete them).
    `attached`: model names edited inline under a publishable model (files, sessions...),
    which editors may add, change and delete.
    """
    _ensure_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    publisher, _ = Group.objects.get_or_create(name=PUBLISHER)

    def perms(codenames):
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    editor_codes, publisher_codes = [], []
    for model in publishable:
        editor_codes += [f"add_{model}", f"change_{model}", f"view_{model}"]
        publisher_codes += [
            f"add_{model}",
            f"change_{model}",
            f"view_{model}",
            f"delete_{model}",
            f"publish_{model}",
        ]
    for model in attached:
        codes = [f"add_{model}", f"change_{model}", f"view_{model}", f"delete_{model}"]
        editor_codes += codes
        publisher_codes += codes
    editor.permissions.add(*perms(editor_codes))
    publisher.permissions.add(*perms(publisher_codes))


def revoke_content_permissions(apps, app_label):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITOR, PUBLISHER]):
        group.permissions.remove(*group.permissions.filter(content_type__app_label=app_label))


def grant_to_staff_groups(apps, app_label, codenames):
    """Give both Editor and Publisher the permissions `codenames` of one app."""
    _ensure_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    for name in (EDITOR, PUBLISHER):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke_from_staff_groups(apps, app_label, codenames):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITOR, PUBLISHER]):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label=app_label, codename__in=codenames)
        )
