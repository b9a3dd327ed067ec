"""Keyboard focus, measured in a real browser (WCAG 2.4.7, 2.4.11, 1.4.3, 1.4.11).

A visitor tabs through the home page and an initiative's page, in English and in
Japanese. At each stop the test reads the focused element's computed colours and
checks that:
- its text has at least 4.5:1 contrast against its own background when focused;
- something marks the focus (its background, outline or shadow) with at least 3:1
  contrast against what surrounds the element.
"""

import datetime

import pytest

from tests.browser.support import playwright_api
from tests.factories import make_category, make_document, make_initiative, make_publication, make_video

playwright_api()

# One worker runs them all under xdist: one live server and one Chromium, not one per worker.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

# The focused element's colours, and those of what surrounds it (its nearest ancestor
# with a background), as the browser computes them.
READ_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const opaque = (c) => c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent';
  let surround = 'rgb(255, 255, 255)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (opaque(bg)) { surround = bg; break; }
  }
  const marks = [];
  if (opaque(style.backgroundColor)) marks.push(style.backgroundColor);
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) marks.push(style.outlineColor);
  for (const c of (style.boxShadow.match(/rgba?\\([^)]*\\)/g) || [])) marks.push(c);
  const name = (el.innerText || el.getAttribute('aria-label') || el.value || el.tagName).trim().slice(0, 40);
  return {
    name, tag: el.tagName, color: style.color,
    background: opaque(style.backgroundColor) ? style.backgroundColor : surround,
    surround, marks,
  };
}"""


# Which element has the focus: its start tag and its place, to notice coming back round.
IDENTIFY_FOCUS = (
    "() => { const e = document.activeElement; "
    "return e.outerHTML.slice(0, 200) + e.getBoundingClientRect().top; }"
)


def rgb(css):
    values = [float(v) for v in css[css.index("(") + 1 : css.index(")")].replace("/", ",").split(",")[:3]]
    return values


def luminance(css):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(css))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other):
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_stops(page, limit=120):
    """Tab from the top of the page until the focus leaves it or comes back round."""
    stops, seen = [], set()
    page.keyboard.press("Tab")
    for _ in range(limit):
        state = page.evaluate(READ_FOCUS)
        if state is None:
            break
        key = page.evaluate(IDENTIFY_FOCUS)
        if key in seen:
            break
        seen.add(key)
        stops.append(state)
        page.keyboard.press("Tab")
    return stops


@pytest.fixture
def site():
    category = make_category(
        number=1, slug="safety-and-security", title_en="Safety and Security", title_ja="安全・安心"
    )
    initiative = make_initiative(
        category=category,
        number=1,
        slug="crisis-management",
        title_en="Crisis management",
        title_ja="危機管理",
    )
    make_document(initiative, language="en")
    video = make_video(slug="arigato", title_en="Thank you film", title_ja="ありがとう映像", featured=True)
    initiative.video_links.create(video=video, order=1)
    make_publication(slug="booklet", title_en="Building the Legacy", title_ja="レガシーの構築")
    assert datetime  # the factories date what they make
    return initiative


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("path", ["/{language}/", "/{language}/initiatives/crisis-management/"])
def test_every_focus_stop_is_visible_and_readable(open_window, site, language, path):
    page = open_window()
    page.goto(path.format(language=language))
    stops = focus_stops(page)
    assert len(stops) >= 10, f"only {len(stops)} focus stops"
    problems = []
    for stop in stops:
        text = contrast(stop["color"], stop["background"])
        marks = [contrast(mark, stop["surround"]) for mark in stop["marks"]]
        if text < 4.5:
            problems.append(f"{stop['name']!r}: text {text:.2f}:1 on its focused background")
        if not marks or max(marks) < 3:
            best = f"{max(marks):.2f}:1" if marks else "nothing"
            problems.append(f"{stop['name']!r}: focus marked by {best} against {stop['surround']}")
    assert not problems, "\n".join(problems)
    # The first stop is the skip link; the language links are among the stops.
    assert stops[0]["tag"] == "A"
    assert any(stop["name"] in ("日本語", "English") for stop in stops)
