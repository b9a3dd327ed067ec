from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core.downloads import counted_download
from core.views import PortalListView, PreviewableDetailMixin
from media_library.feeds import InfographicFeed, PublicationFeed, VideoFeed
from media_library.models import EditionFile, Infographic, InfographicArchive, Publication, Video
from media_library.structured_data import publication_work, video_object


class VideoListView(PortalListView):
    model = Video
    nav_section = "videos"
    feed = VideoFeed
    page_title = _("Videos")
    page_description = _("Films about the Tokyo 2020 Games legacy, including the #ARIGATO films.")


class VideoDetailView(PreviewableDetailMixin, DetailView):
    model = Video
    nav_section = "videos"
    feed = VideoFeed
    list_title = _("Videos")
    list_url_name = "media_library:video_list"
    fallback_fields = ("title", "description", "transcript")
    description_field = "description"

    def describe(self, data):
        super().describe(data)
        data.add(video_object(data, self.object))

    def get_og_image(self, data):
        video = self.object
        return data.og_image(video.thumbnail, video.thumbnail_width, video.thumbnail_height, video.title)


class PublicationListView(PortalListView):
    model = Publication
    nav_section = "publications"
    feed = PublicationFeed
    page_title = _("Publications")
    page_description = _(
        "Booklets, reports and a case study on the Tokyo 2020 Games legacy, "
        "with a download for each language."
    )


class PublicationDetailView(PreviewableDetailMixin, DetailView):
    model = Publication
    nav_section = "publications"
    feed = PublicationFeed
    list_title = _("Publications")
    list_url_name = "media_library:publication_list"
    fallback_fields = ("title", "summary")

    def describe(self, data):
        super().describe(data)
        data.add(publication_work(data, self.object))

    def get_og_image(self, data):
        publication = self.object
        return data.og_image(
            publication.cover,
            publication.cover_width,
            publication.cover_height,
            publication.cover_alt_text or publication.title,
        )


class InfographicListView(PortalListView):
    model = Infographic
    nav_section = "infographics"
    feed = InfographicFeed
    page_title = _("Infographics")
    page_description = _(
        "Infographics on the Tokyo 2020 Games legacy, to view and to download, one by one or all at once."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["archive"] = InfographicArchive.current()
        return context


@require_safe
def publication_file(request, slug, pk):
    """Count and serve one file of an edition; a draft publication's files only to staff."""
    publication = get_object_or_404(Publication.objects.visible_to(request.user), slug=slug)
    stored_file = get_object_or_404(
        EditionFile.objects.select_related("edition__publication"), pk=pk, edition__publication=publication
    )
    return counted_download(request, stored_file, filename=stored_file.download_filename)


@require_safe
def infographic_download(request, slug):
    """Count and serve an infographic's original image."""
    infographic = get_object_or_404(Infographic.objects.visible_to(request.user), slug=slug)
    return counted_download(request, infographic, filename=infographic.download_filename)


@require_safe
def infographic_archive(request):
    """Count and serve the ZIP of every live infographic (built once per set of them)."""
    archive = InfographicArchive.current(build=True)
    if archive is None:
        raise Http404
    return counted_download(request, archive, filename=archive.download_filename)
