from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CategoriesConfig(AppConfig):
    name = "categories"
    verbose_name = _("Legacy categories")

    def ready(self):
        from categories.models import Category
        from core import revisions
        from core.media import register_public_images

        register_public_images(Category, "icon")
        revisions.register(Category)
