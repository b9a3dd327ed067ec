import os
import secrets

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.permissions import EDITOR, PUBLISHER


class Command(BaseCommand):
    help = (
        "Create local staff accounts for trying the admin: 'admin' (superuser), 'editor' (Editor "
        "group) and 'publisher' (Publisher group), all with one password: --password, or the "
        "DJANGO_ADMIN_PASSWORD environment variable, or a new random one that is printed. "
        "Existing accounts keep their password unless a password is given. For local use only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default=None, help="Defaults to $DJANGO_ADMIN_PASSWORD.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be done; do nothing.")

    def handle(self, *args, password, dry_run, verbosity, **options):
        given = password or os.environ.get("DJANGO_ADMIN_PASSWORD") or None
        if given is not None and len(given) < 8:
            raise CommandError("The admin password must have at least 8 characters.")
        accounts = [("admin", None, True), ("editor", EDITOR, False), ("publisher", PUBLISHER, False)]
        missing = [name for name, _group, _su in accounts if not User.objects.filter(username=name).exists()]
        new_password = given or (secrets.token_urlsafe(12) if missing else None)
        if dry_run:
            for name in missing:
                self.stdout.write(f"Would create {name}.")
            return
        with transaction.atomic():
            for name, group, superuser in accounts:
                user, created = User.objects.get_or_create(
                    username=name, defaults={"is_staff": True, "is_superuser": superuser}
                )
                if created or given:
                    user.set_password(new_password)
                    user.save()
                if group:
                    user.groups.add(Group.objects.get(name=group))
                if verbosity >= 1:
                    state = (
                        "created" if created else ("password set" if given else "exists, password unchanged")
                    )
                    self.stdout.write(f"Admin account {name!r}: {state}")
        if new_password and verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sign in at /admin/ as admin, editor or publisher with the password: {new_password}"
                )
            )
        elif verbosity >= 1:
            self.stdout.write(
                "Accounts already existed; set DJANGO_ADMIN_PASSWORD to give them a new password."
            )
