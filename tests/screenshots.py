"""The README's screenshots, made again by `bin/screenshots` (a harness: pytest does not
collect it). It builds a fresh site with the legacy content, a publisher, an editor's
unpublished change and a translation left behind the English, serves it with gunicorn,
and photographs pages in headless Chromium (Playwright) into docs/."""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.chaos import BASE_DIR, PYTHON, Site, free_port

DOCS = BASE_DIR / "docs"
PASSWORD = "screenshots-" + secrets.token_hex(6)

SETUP = f"""
from django.contrib.auth.models import Group, User
from core import revisions, workflow
from initiatives.models import Initiative

publisher = User.objects.create_user("publisher", password={PASSWORD!r}, is_staff=True, first_name="Haruka")
publisher.groups.add(Group.objects.get(name="Publisher"))
editor = User.objects.create_user("editor", password={PASSWORD!r}, is_staff=True, first_name="Kenji")
editor.groups.add(Group.objects.get(name="Editor"))
item = Initiative.objects.get(slug="crisis-management-systems")
data = revisions.snapshot(item)
fields = data[0]["fields"]
fields["title_en"] = "Crisis management systems for disasters and infectious diseases"
fields["summary_en"] = fields["summary_en"] + " The systems were tested again in 2026."
workflow.save_pending(item, editor, data, submit=True)
print(item.pk)
"""


def main():
    sys.path.insert(0, str(BASE_DIR))
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="legacy-portal-screenshots-"))
    env = {
        **os.environ,
        "CHAOS_DIR": str(work),
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "PORTAL_PAGE_CACHE_SECONDS": "0",
    }
    site = Site(env, free_port())
    try:
        for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_legacy_content"]):
            site.manage(*args)
        pk = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", SETUP],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        site.start()
        base = f"http://127.0.0.1:{site.port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )

            def page(width, height=900, locale="en-GB"):
                return browser.new_context(
                    viewport={"width": width, "height": height}, locale=locale
                ).new_page()

            # Accessibility (issue 11): the focused language link in the header.
            visitor = page(1280, 360)
            visitor.goto(base + "/en/")
            for _ in range(30):
                visitor.keyboard.press("Tab")
                if visitor.evaluate("document.activeElement.textContent.trim()") == "日本語":
                    break
            visitor.screenshot(path=DOCS / "a11y-focused-language-link.png")
            # The filter's error state.
            visitor = page(1280, 700)
            visitor.goto(base + "/en/initiatives/?category=no-such-area")
            visitor.screenshot(path=DOCS / "a11y-filter-error.png")
            # Korean at 390 px, Korean and Chinese at 320 px.
            korean = page(390, 844, "ko-KR")
            korean.goto(base + "/ko/categories/")
            korean.screenshot(path=DOCS / "a11y-korean-390.png")
            for code, name in (("ko", "korean"), ("zh-hans", "chinese")):
                small = page(320, 900)
                small.goto(base + f"/{code}/infographics/")
                small.screenshot(path=DOCS / f"a11y-{name}-320.png")

            # The editorial workflow (issue 9): dashboard, translations, a comparison.
            staff = page(1280, 1000)
            staff.goto(base + "/admin/login/")
            staff.fill("#id_username", "publisher")
            staff.fill("#id_password", PASSWORD)
            staff.click("input[type=submit]")
            staff.goto(base + "/admin/")
            staff.screenshot(path=DOCS / "screenshot-admin-dashboard.png")
            staff.goto(base + "/admin/translations/")
            staff.screenshot(path=DOCS / "screenshot-admin-translations.png")
            staff.goto(base + f"/admin/initiatives/initiative/{pk}/history/compare/")
            staff.screenshot(path=DOCS / "screenshot-admin-compare.png")
            browser.close()
    finally:
        site.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("Screenshots written to", DOCS)


if __name__ == "__main__":
    main()
