from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = _("Media library")

    def ready(self):
        from core import revisions
        from core.media import register_public_check, register_public_images
        from media_library.models import (
            Edition,
            EditionFile,
            Infographic,
            InfographicRendition,
            Publication,
            Video,
        )
        from media_library.models.infographics import delete_rendition_file

        revisions.register(Video)
        revisions.register(Publication, follow=("editions",))
        revisions.register(Edition, parent="publication", follow=("files",))
        revisions.register(EditionFile, parent="edition")
        revisions.register(Infographic)

        register_public_images(Video, "thumbnail")
        register_public_images(Publication, "cover")

        # Only renditions are served as images; originals go through the counted download.
        def rendition_is_public(path, user):
            return InfographicRendition.objects.filter(
                file=path, infographic__in=Infographic.objects.visible_to(user)
            ).exists()

        register_public_check(rendition_is_public)
        post_delete.connect(delete_rendition_file, sender=InfographicRendition)
