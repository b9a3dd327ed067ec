"""Opening a loaded item in the admin and saving it as it is records no change.

The content loader and the data migrations write text as the YAML files give it (an
empty translation may be NULL, a body may end without a newline...), while a browser
posts the form back with "\r\n" line endings and empty strings. None of that is a change:
not a revision in History, not a step, not unpublished changes waiting for a publisher.
Checked on every loaded item of every content model the admin edits.
"""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from reversion.models import Version

from categories.models import Category
from core import revisions
from core.models import PendingChange, Transition
from initiatives.models import Initiative
from media_library.models import Edition, Infographic, Publication, Video
from seminars.models import City, Seminar
from tests.admin_forms import form_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]

CONTENT_MODELS = [Category, Initiative, Video, Publication, Edition, Infographic, Seminar, City]


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def traces():
    """Everything that would show a change in History or on the dashboard."""
    return (
        Version.objects.count(),
        Transition.objects.count(),
        PendingChange.objects.count(),
        list(LogEntry.objects.filter(action_flag=CHANGE).exclude(change_message="[]").values_list("pk")),
    )


def save_unchanged(client, obj):
    url = change_url(obj)
    response = client.post(url, form_values(client, url))
    assert response.status_code == 302, (obj, response.context and response.context.get("errors"))


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.model_name)
@pytest.mark.parametrize("who", ["publisher", "editor"])
def test_saving_a_loaded_item_unchanged_records_no_change(model, who, request):
    client = request.getfixturevalue(f"{who}_client")
    items = list(model._base_manager.order_by("pk"))
    assert items, f"the loader made no {model._meta.verbose_name_plural}"
    before = traces()
    for obj in items:
        save_unchanged(client, obj)
        assert traces() == before, f"saving {model.__name__} {obj.pk} ({obj}) unchanged recorded a change"


def test_every_loaded_item_has_a_revision_to_compare_with():
    """The check above is only meaningful if an unchanged save has a revision to compare with."""
    for model in CONTENT_MODELS:
        root_model = model if revisions._REGISTRY[model].parent is None else None
        if root_model is None:
            continue
        for obj in model._base_manager.all():
            assert revisions.revisions_of(obj).exists(), obj
