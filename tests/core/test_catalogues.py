"""Every interface string has a translation in every language, compiled and loadable."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR, "locale")
TRANSLATED = ["ja", "fr", "zh_Hans", "ko"]


def po_entries(path):
    """(msgid, msgstrs, flags) for each entry of a .po file, with continuation lines joined."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif current and line.startswith('"'):
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            simple = "msgctxt" not in fields and "msgid_plural" not in fields
            yield fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")], flags, simple


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_string_is_translated(locale):
    entries = list(po_entries(LOCALE / locale / "LC_MESSAGES" / "django.po"))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstrs, _flags, _simple in entries if not all(msgstrs)]
    fuzzy = [msgid for msgid, _msgstrs, flags, _simple in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_compiled_catalogue_matches_the_po_file(locale):
    """A .mo older than its .po would serve stale or missing translations."""
    folder = LOCALE / locale / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    checked = 0
    for msgid, msgstrs, _flags, simple in po_entries(folder / "django.po"):
        if simple and "\\" not in msgid + msgstrs[0]:
            assert catalogue.gettext(msgid) == msgstrs[0], msgid
            checked += 1
    assert checked > 100


def translations_in(language):
    """Every msgstr of a catalogue, its continuation lines joined."""
    from django.conf import settings

    path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    strings, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1][1:-1]]
            strings.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line[1:-1])
        else:
            current = None
    return ["".join(parts) for parts in strings if not "".join(parts).startswith("Project-Id-Version")]


def test_french_puts_a_no_break_space_before_double_punctuation():
    import re

    wrong = [
        text
        for text in translations_in("fr")
        if re.search(r"(?<=[^\s\u00a0\d/])[ ]?[:;!?](?=\s|$)", text)
        or re.search(r"« |«(?!\u00a0)| »|\u00a0\u00a0", text)
    ]
    assert wrong == []


def test_korean_does_not_print_a_particle_placeholder():
    import re

    from django.conf import settings

    path = settings.BASE_DIR / "locale" / "ko" / "LC_MESSAGES" / "django.po"
    text = path.read_text(encoding="utf-8")
    # A particle written for both endings, e.g. 을(를): the sentence reads as a form.
    assert (
        re.findall(r"\(으\)|을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|와\(과\)|과\(와\)", text)
        == []
    )
