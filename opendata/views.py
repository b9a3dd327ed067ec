from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.opendata import LICENCE_NAME, LICENCE_URL
from core.views import PageMixin
from opendata.datasets import DATASETS


class OpenDataView(PageMixin, TemplateView):
    """What the open data holds, its licence, examples with curl, and every address
    (the lists, the CSV files, the schema, the catalogue). No query: it names addresses."""

    template_name = "opendata/open_data.html"
    nav_section = "open-data"
    page_title = _("Open data")
    page_description = _(
        "The portal's content as open data: JSON and CSV of every legacy area, initiative, video, "
        "publication, infographic, seminar and partner city, under the CC BY 4.0 licence."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        absolute = self.request.build_absolute_uri
        context["datasets"] = [
            {
                "name": dataset.name,
                "title": dataset.title,
                "description": dataset.description,
                "json_url": reverse(f"api:{dataset.name}-list"),
                "csv_url": reverse(f"api:{dataset.name}-csv"),
                "filters_by_category": dataset.filters_by_category,
            }
            for dataset in DATASETS
        ]
        context["api_url"] = absolute(reverse("api:index"))
        context["openapi_url"] = reverse("api:openapi-json")
        context["catalog_url"] = reverse("api:catalog")
        context["licence_name"] = LICENCE_NAME
        context["licence_url"] = LICENCE_URL
        initiatives = absolute(reverse("api:initiatives-list"))
        context["examples"] = {
            "list": f"curl '{initiatives}?page_size=5'",
            "filter": f"curl '{initiatives}?category=urban-development&updated_since=2021-07-01T00:00:00Z'",
            "detail": f"curl '{initiatives}/<content_id>'",
            "csv": f"curl -o initiatives.csv '{absolute(reverse('api:initiatives-csv'))}'",
            "conditional": f"curl -i -H 'If-None-Match: \"<ETag>\"' '{initiatives}'",
        }
        return context
