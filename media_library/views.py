from django.db.models import Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from categories.models import Category
from core.views import PortalListView, PreviewableDetailMixin
from initiatives.models import Initiative
from media_library.models import Video


class VideoListView(PortalListView):
    model = Video
    nav_section = "videos"
    page_title = _("Videos")
    page_description = _("Films about the Tokyo 2020 Games legacy, including the #ARIGATO films.")


class VideoDetailView(PreviewableDetailMixin, DetailView):
    model = Video
    nav_section = "videos"
    list_title = _("Videos")
    list_url_name = "media_library:video_list"
    fallback_fields = ("title", "description", "transcript")

    def get_base_queryset(self):
        return Video.objects.prefetch_related(
            Prefetch("categories", queryset=Category.objects.live(), to_attr="live_categories"),
            Prefetch(
                "initiatives",
                queryset=Initiative.objects.live().select_related("category"),
                to_attr="live_initiatives",
            ),
        )

    def get_page_description(self):
        return Truncator(self.object.description).chars(160)
