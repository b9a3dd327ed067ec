"""The loader on an empty database: a dry run, a quiet run, and the order of the apps."""

import io

import pytest
from django.core.management import call_command

from categories.models import Category
from core.management.commands.load_legacy_content import content_modules
from media_library.models import Video

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_legacy_content", *args, stdout=out)
    return out.getvalue()


def files_in(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_initiatives_load_after_the_videos_they_link_to():
    names = [module.__name__ for module in content_modules()]
    assert names.index("media_library.content") < names.index("initiatives.content")


def test_dry_run_changes_nothing(media_root):
    output = load("--dry-run")
    assert "Dry run: nothing was changed" in output
    assert "Categories: 9 created" in output
    assert not Category.objects.exists()
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_loader_is_quiet_at_verbosity_zero():
    out = io.StringIO()
    call_command("load_legacy_content", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Category.objects.count() == 9


def test_a_dry_run_stores_no_file(db, media_root):
    call_command("load_legacy_content", dry_run=True, verbosity=0)
    assert files_in(media_root) == []
    assert not Video.objects.exists()
