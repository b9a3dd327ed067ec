import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.content import CONTENT_DIR, ContentLoader


def content_modules():
    """Each app's `content` module, in INSTALLED_APPS order, except that a module
    naming other apps in `LOAD_AFTER` (initiatives link to videos) comes after them."""
    modules = {}
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.content"
        if app_config.name != "core" and importlib.util.find_spec(module_name) is not None:
            modules[app_config.name] = importlib.import_module(module_name)
    ordered = []

    def add(name, seen=()):
        if name in ordered:
            return
        if name in seen:
            raise CommandError(f"Content modules wait for each other: {' -> '.join([*seen, name])}")
        for before in getattr(modules[name], "LOAD_AFTER", ()):
            if before in modules:
                add(before, (*seen, name))
        ordered.append(name)

    for name in modules:
        add(name)
    return [modules[name] for name in ordered]


class Command(BaseCommand):
    help = (
        "Load the legacy content (categories, initiatives, media, seminars) from content/*.yaml. "
        "Safe to run again: unchanged objects are left alone, and objects an editor has changed "
        "since they were loaded are kept unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Also overwrite objects that editors have changed."
        )
        parser.add_argument("--content-dir", default=CONTENT_DIR, help="Folder of the content files.")

    def handle(self, *args, dry_run, overwrite, content_dir, verbosity, **options):
        def log(message, level=1):
            if verbosity >= level:
                self.stdout.write(message)

        loader = ContentLoader(content_dir=content_dir, dry_run=dry_run, overwrite=overwrite, log=log)
        with transaction.atomic():
            for module in content_modules():
                module.load(loader)
            if dry_run:
                transaction.set_rollback(True)
        if dry_run:
            log("Dry run: nothing was changed. This is what a real run would do:")
        for line in loader.summary_lines():
            log(line)
