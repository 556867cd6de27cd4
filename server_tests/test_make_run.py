"""Issue 11 §3: `make run` serves the platform as production would — debug off, the site's own error pages, hashed
static files through WhiteNoise with a long cache — while `make dev` is Django's debug server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from server_tests.conftest import Browser, Platform

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent


def test_make_run_serves_as_production_would(platform: Platform):
    # The settings `make run` gives the server (Makefile, target run), collected the way it collects them.
    recipe = (ROOT / "Makefile").read_text().split("\nrun: demo\n", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG=false STATIC_MANIFEST=true bash scripts/serve.sh" in recipe and "collectstatic" in recipe
    env = {"DEBUG": "false", "STATIC_MANIFEST": "true", "STATIC_ROOT": str(platform.work / "static")}
    platform.env.update(env)
    platform.manage("collectstatic", "--no-input", "-v", "0")
    (platform.work / "media" / "logos").mkdir(parents=True)
    (platform.work / "media" / "logos" / "commune.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with platform.app_server() as url:
        browser = Browser(url)
        missing = browser.request("/fr/no-such-page/")
        assert missing.status == 404
        assert "Bureau citoyen" in missing.body and "URLconf" not in missing.body and "Traceback" not in missing.body
        home = browser.request("/fr/")
        stylesheet = re.search(r'href="(/static/css/citizen-office\.[0-9a-f]{12}\.css)"', home.body)
        assert stylesheet, "the stylesheet is not the hashed copy"
        css = browser.request(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
        assert css.status == 200 and "immutable" in css.headers["Cache-Control"]
        # Public uploads (an institution's logo) are served too, debug off.
        logo = browser.request("/media/logos/commune.png")
        assert logo.status == 200 and logo.headers["Content-Type"] == "image/png"


def test_make_dev_is_the_debug_server():
    recipe = (ROOT / "Makefile").read_text().split("\ndev: demo\n", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG=true" in recipe and "SERVER=runserver" in recipe
    assert 'manage.py runserver "$HOST:$PORT"' in (ROOT / "scripts" / "serve.sh").read_text()
