"""`generate_scale_content` makes many live items fast, pages show them, --remove takes them away."""

import pytest
from django.core.management import call_command

from initiatives.models import Initiative
from media_library.models import Publication, Video
from seminars.models import City, Seminar

pytestmark = pytest.mark.usefixtures("legacy_content")

COUNTS = {"initiatives": 12, "films": 5, "publications": 3, "cities": 4, "seminars": 3}


def generate(**counts):
    call_command("generate_scale_content", verbosity=0, **{**COUNTS, **counts})


def test_it_adds_live_items_of_every_kind_beside_the_shipped_ones():
    shipped = Initiative.objects.count()
    generate()
    assert Initiative.objects.count() == shipped + 12
    for model, count in [(Initiative, 12), (Video, 5), (Publication, 3), (City, 4), (Seminar, 3)]:
        generated = model.objects.live().filter(slug__startswith="scale-")
        assert generated.count() == count, model
    # Numbers and slugs never collide with the case study's 24 items.
    assert Initiative.objects.filter(slug__startswith="scale-").order_by("number").first().number == 1001


def test_its_items_have_every_language_and_pages_that_render(client):
    generate()
    initiative = Initiative.objects.filter(slug__startswith="scale-").first()
    assert initiative.title_ja.startswith("規模試験") and initiative.title_ko.startswith("규모 시험")
    for url in [
        initiative.get_absolute_url(),
        Video.objects.filter(slug__startswith="scale-").first().get_absolute_url(),
        Publication.objects.filter(slug__startswith="scale-").first().get_absolute_url(),
        Seminar.objects.filter(slug__startswith="scale-").first().get_absolute_url(),
        City.objects.filter(slug__startswith="scale-").first().get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_a_second_run_adds_more_and_remove_leaves_the_shipped_content():
    shipped = {model: model.objects.count() for model in (Initiative, Video, Publication, City, Seminar)}
    generate()
    generate()
    assert Initiative.objects.filter(slug__startswith="scale-").count() == 24
    call_command("generate_scale_content", remove=True, verbosity=0)
    assert {model: model.objects.count() for model in shipped} == shipped
