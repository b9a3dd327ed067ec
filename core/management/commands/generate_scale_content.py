import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from core import page_cache
from core.database import refresh_statistics
from core.scale import ScaleWriter


def scale_modules():
    """Each content app's `scale` module, in INSTALLED_APPS order."""
    names = [f"{config.name}.scale" for config in apps.get_app_configs() if config.name != "core"]
    return [importlib.import_module(name) for name in names if importlib.util.find_spec(name)]


class Command(BaseCommand):
    help = (
        "Add many published items for benchmarks and scale tests (slugs start with 'scale-'): "
        "by default 10,000 initiatives, 10,000 films, 1,000 publications, 1,000 partner cities "
        "and 1,000 seminars. Needs the legacy content (its categories). --remove deletes them."
    )

    def add_arguments(self, parser):
        self.generators = {}
        for module in scale_modules():
            for kind, (default, function) in module.GENERATORS.items():
                self.generators[kind] = function
                parser.add_argument(
                    f"--{kind}",
                    type=int,
                    default=default,
                    metavar="N",
                    help=f"How many {kind} (default {default}).",
                )
        parser.add_argument("--remove", action="store_true", help="Delete the generated items instead.")

    def handle(self, *args, remove, verbosity, **options):
        writer = ScaleWriter(log=self.stdout.write if verbosity else None)
        with translation.override("en"), transaction.atomic():
            if remove:
                for module in reversed(scale_modules()):
                    module.remove()
                self.stdout.write("Removed the generated items.")
                return
            for kind, function in self.generators.items():
                count = options[kind]
                if count < 0:
                    raise CommandError(f"--{kind} must be 0 or more.")
                if count:
                    try:
                        function(writer, count)
                    except ValueError as error:
                        raise CommandError(str(error)) from error
            # Bulk writes send no signals: tell the page cache (see core.page_cache).
            page_cache.content_changed()
        refresh_statistics()
