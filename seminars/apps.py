from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "seminars"
    verbose_name = _("Seminars and partner cities")

    def ready(self):
        from core.media import register_public_images
        from seminars.models import SeminarPhoto

        register_public_images(SeminarPhoto, "image", queryset=SeminarPhoto.objects.public_for)
