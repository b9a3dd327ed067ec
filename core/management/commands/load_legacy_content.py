import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from core.content import CONTENT_DIR, ContentLoader
from core.database import refresh_statistics


def content_modules():
    """Each app's `content` module, in INSTALLED_APPS order (which puts the media library
    before initiatives, since initiatives link to videos)."""
    names = [f"{config.name}.content" for config in apps.get_app_configs() if config.name != "core"]
    return [importlib.import_module(name) for name in names if importlib.util.find_spec(name)]


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
        # Operators read this output in English, whatever language a caller left active.
        with translation.override("en"), transaction.atomic():
            for module in content_modules():
                module.load(loader)
            loader.record_revisions()
            if dry_run:
                transaction.set_rollback(True)
        if not dry_run:
            refresh_statistics()
        if dry_run:
            log("Dry run: nothing was changed. This is what a real run would do:")
        with translation.override("en"):
            for line in loader.summary_lines():
                log(line)
