from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from core import revisions
        from initiatives.models import Initiative, InitiativeDocument, InitiativeVideo

        revisions.register(Initiative, follow=("documents", "video_links"))
        revisions.register(InitiativeDocument, parent="initiative")
        revisions.register(InitiativeVideo, parent="initiative")
