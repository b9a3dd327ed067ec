from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = _("Media library")

    def ready(self):
        from core.media import register_public_images
        from media_library.models import Publication, Video

        register_public_images(Video, "thumbnail")
        register_public_images(Publication, "cover")
