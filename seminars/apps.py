from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "seminars"
    verbose_name = _("Seminars and partner cities")

    def ready(self):
        from core import revisions
        from core.media import register_public_images
        from seminars.models import City, Participation, ProgrammeItem, Seminar, SeminarPhoto, Session

        register_public_images(SeminarPhoto, "image", queryset=SeminarPhoto.objects.public_for)
        revisions.register(City)
        revisions.register(Seminar, follow=("sessions", "programme_items", "participations", "photos"))
        for attached in (Session, ProgrammeItem, Participation, SeminarPhoto):
            revisions.register(attached, parent="seminar")
