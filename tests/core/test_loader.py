"""The legacy content loader: what it loads, and that it is safe to run again."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

from categories.models import Category
from core.models import Status
from initiatives.models import Initiative, InitiativeDocument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("legacy_content")]

# CONTENT.md: the editorial category of each of the 24 initiatives, in order.
EXPECTED_CATEGORIES = [1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 8, 8, 9]


def load(*args):
    out = io.StringIO()
    call_command("load_legacy_content", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(Category.objects.values_list("pk", "slug", "title_en", "updated_at")),
        list(Initiative.objects.values_list("pk", "slug", "category__number", "updated_at")),
        list(InitiativeDocument.objects.values_list("pk", "file", "size")),
    )


def test_loader_creates_nine_categories_named_in_all_five_languages():
    assert Category.objects.live().count() == 9
    safety = Category.objects.get(number=1)
    assert (safety.title_en, safety.title_ja) == ("Safety and Security", "安全・安心")
    for category in Category.objects.all():
        for field in [
            "title_en",
            "title_ja",
            "title_fr",
            "title_zh_hans",
            "title_ko",
            "summary_en",
            "summary_ja",
        ]:
            assert getattr(category, field), f"{category} has no {field}"
    assert Category.objects.get(number=9).title_ja == "被災地復興支援"


def test_loader_creates_24_initiatives_in_their_editorial_categories():
    initiatives = list(Initiative.objects.live().order_by("number").select_related("category"))
    assert [i.number for i in initiatives] == list(range(1, 25))
    assert [i.category.number for i in initiatives] == EXPECTED_CATEGORIES
    assert initiatives[16].title_en == "Realization of Zero Emission Tokyo"
    assert str(initiatives[0].as_of) == "2021-07-08"


def test_loader_writes_each_language_the_content_file_gives():
    initiative = Initiative.objects.get(number=1)
    assert initiative.title_ja == "危機管理体制の強化"
    assert initiative.title_en == "Enforcement of the crisis management systems"


def test_a_language_the_content_file_does_not_give_is_stored_empty_for_the_fallback():
    from core.content import translations

    assert translations("title", {"en": "New text"}) == {
        "title_en": "New text",
        "title_ja": "",
        "title_fr": "",
        "title_zh_hans": "",
        "title_ko": "",
    }


def test_each_initiative_has_a_real_stand_in_pdf_that_says_so():
    documents = InitiativeDocument.objects.select_related("initiative")
    assert documents.count() == 24
    document = documents.get(initiative__number=19)
    with document.file.open("rb") as fh:
        reader = PdfReader(fh)
        assert len(reader.pages) == document.page_count == 2
        assert reader.metadata.title == "Promotion of Smooth Biz"
    assert document.size > 1000
    assert document.mime_type == "application/pdf"


def test_running_the_loader_twice_changes_nothing(media_root):
    before = snapshot()
    files_before = sorted(p.name for p in media_root.rglob("*") if p.is_file())
    output = load()
    assert snapshot() == before
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == files_before
    assert "Categories: 0 created, 0 updated, 9 unchanged, 0 kept" in output
    assert "Initiatives: 0 created, 0 updated, 24 unchanged, 0 kept" in output


def test_loader_keeps_an_editors_later_change():
    Category.objects.filter(number=2).update(title_en="Urban development (edited)")
    output = load()
    assert Category.objects.get(number=2).title_en == "Urban development (edited)"
    assert "Categories: 0 created, 0 updated, 8 unchanged, 1 kept" in output


def test_loader_keeps_a_publishers_unpublishing():
    Category.objects.filter(number=3).update(status=Status.DRAFT)
    load()
    assert Category.objects.get(number=3).status == Status.DRAFT


def test_loader_overwrites_an_editors_change_when_told_to():
    Category.objects.filter(number=2).update(title_en="Edited")
    load("--overwrite")
    assert Category.objects.get(number=2).title_en == "Urban Development"


def test_arigato_descriptions_are_whole():
    from media_library.models import Video

    description = Video.objects.get(slug="tokyo-2020-arigato-30").description_en
    assert description == (
        "The 30-second cut of the film “TOKYO 2020 #ARIGATO” (arigato is Japanese for “thank you”)."
    )
    short = Video.objects.get(slug="tokyo-2020-arigato-15")
    assert short.description_ja == "「TOKYO 2020 #ARIGATO」の15秒版です。"


def test_a_content_file_with_a_value_cut_by_a_yaml_comment_is_refused(tmp_path):
    from core.content import ContentLoader, TruncatedText

    (tmp_path / "broken.yaml").write_text(
        "videos:\n- description:\n    en: The cut of the film “TOKYO 2020 #ARIGATO” (15 sec.).\n",
        encoding="utf-8",
    )
    with pytest.raises(TruncatedText, match="quote the whole value"):
        ContentLoader(content_dir=tmp_path).read("broken.yaml")


@pytest.mark.parametrize(
    "value",
    [
        # French guillemets left open: the rest, closing mark included, became a comment.
        "    fr: La version du film « TOKYO 2020 #ARIGATO » (15 secondes).",
        # Japanese corner brackets left open.
        "    ja: 「TOKYO 2020 #ARIGATO」の15秒版です。",
        # Chinese title marks left open.
        "    zh-hans: 影片《TOKYO 2020 #ARIGATO》的15秒版本。",
        # No quotation marks at all: only the comment gives it away.
        "    en: Thank-you messages for the #ARIGATO campaign",
    ],
    ids=["fr-guillemets", "ja-corner-brackets", "zh-title-marks", "no-marks"],
)
def test_a_value_cut_by_a_yaml_comment_is_refused_in_every_language(tmp_path, value):
    from core.content import ContentLoader, TruncatedText

    (tmp_path / "broken.yaml").write_text(f"videos:\n- description:\n{value}\n", encoding="utf-8")
    with pytest.raises(TruncatedText, match="quote the whole value"):
        ContentLoader(content_dir=tmp_path).read("broken.yaml")


@pytest.mark.parametrize(
    "text", ["La version du film « TOKYO 2020", "「TOKYO 2020", "影片《TOKYO 2020", "Le film « Tokyo"]
)
def test_a_text_left_inside_open_quotation_marks_is_refused(text):
    """The marks check, on its own: a text that ends inside « », 「」 or 《》 is cut short."""
    from core.content import TruncatedText, check_texts

    with pytest.raises(TruncatedText, match="without closing it"):
        check_texts({"fr": text}, where="test")


def test_a_quoted_value_with_a_hash_and_a_comment_on_its_own_line_are_accepted(tmp_path):
    from core.content import ContentLoader

    (tmp_path / "fine.yaml").write_text(
        "# Films\nvideos:\n- description:\n    # The hashtag is part of the title.\n"
        '    fr: "Le film « TOKYO 2020 #ARIGATO »"\n    ja: 「TOKYO 2020 ＃ARIGATO」の15秒版です。\n',
        encoding="utf-8",
    )
    data = ContentLoader(content_dir=tmp_path).read("fine.yaml")
    assert data["videos"][0]["description"]["fr"] == "Le film « TOKYO 2020 #ARIGATO »"


@pytest.mark.parametrize(
    "name", sorted(path.name for path in (Path(settings.BASE_DIR) / "content").glob("*.yaml"))
)
def test_every_content_file_passes_the_loaders_checks(name):
    """Every shipped file, also those the loader does not read, has no value cut by a comment."""
    from core.content import ContentLoader

    assert ContentLoader().read(name)


def test_the_loaders_images_have_their_sizes_stored():
    from media_library.models import Publication, Video
    from seminars.models import SeminarPhoto

    assert Video.objects.filter(thumbnail_width__gt=0).count() == Video.objects.count()
    assert Publication.objects.filter(cover_width__gt=0).count() == Publication.objects.count()
    assert SeminarPhoto.objects.filter(width__gt=0).count() == SeminarPhoto.objects.count() == 4


def test_the_loader_records_each_item_in_its_history():
    from core import revisions
    from core.models import Transition

    initiative = Initiative.objects.get(number=1)
    revision = revisions.revisions_of(initiative).get()
    assert revision.comment == "Loaded from the content files"
    rows = {row["model"] for row in revisions.revision_data(revision)}
    assert rows >= {"initiatives.initiative", "initiatives.initiativedocument"}
    assert Transition.objects.filter(object_id=initiative.pk, action=Transition.Action.LOADED).exists()


def test_loading_again_records_no_new_revision():
    from core import revisions

    initiative = Initiative.objects.get(number=1)
    load()
    assert revisions.revisions_of(initiative).count() == 1


def test_the_loader_marks_the_sources_translations_official():
    from core import translations
    from media_library.models import Publication
    from seminars.models import Seminar

    safety = Category.objects.get(number=1)
    assert translations.origin(safety, "title", "ja") == translations.OFFICIAL
    assert translations.origin(safety, "summary", "ja") == translations.PORTAL
    assert translations.origin(safety, "title", "fr") == translations.PORTAL
    booklet = Publication.objects.get(slug="building-the-legacy-beyond-2020")
    assert translations.origin(booklet, "title", "fr") == translations.OFFICIAL
    seminar = Seminar.objects.get(slug="global-partners-seminar-2021")
    assert translations.origin(seminar, "contact_division", "ja") == translations.OFFICIAL
    assert translations.origin(seminar, "contact_section", "ja") == translations.PORTAL


def test_the_loaders_files_are_marked_as_samples_and_listed_for_staff(admin_client, client):
    from core.models import StandIn

    document = InitiativeDocument.objects.select_related("initiative").get(initiative__number=1)
    assert document.is_sample
    assert StandIn.objects.filter(object_id=document.pk, field="file").exists()
    page = client.get(f"/en/initiatives/{document.initiative.slug}/").content.decode()
    assert "sample file made by the portal" in page
    listing = admin_client.get("/admin/stand-ins/").content.decode()
    assert document.file.name in listing
    assert "Stand-in files to replace" in listing


def test_an_uploaded_original_is_no_longer_a_sample(admin_client, pdf_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.admin_forms import form_values

    initiative = Initiative.objects.get(number=2)
    document = initiative.documents.get()
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    data = form_values(admin_client, url)
    data["documents-0-file"] = SimpleUploadedFile("original.pdf", pdf_bytes, "application/pdf")
    assert admin_client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert not document.is_sample
    assert document.file.name not in admin_client.get("/admin/stand-ins/").content.decode()
