"""Browser tests: the real stack (gunicorn, SQLite file, demo data) driven by Debian's Chromium.

A session fixture prepares a fresh database the way `make run` does (migrate, import_territories,
seed_demo) and starts gunicorn on a free loopback port; Playwright drives /usr/bin/chromium
(never a downloaded browser). Emails go to files the tests read.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LANGS = ("ar", "zgh", "fr", "en")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str, env: dict[str, str], mail_dir: Path) -> None:
        self.url = url
        self.env = env
        self.mail_dir = mail_dir

    def set_today(self, day: str | None) -> None:
        """Move the server's legal clock to an ISO date, or back to the real date with None."""
        path = Path(self.env["CLOCK_FILE"])
        if day is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(day, encoding="utf-8")

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=True
        )
        return result.stdout

    def emails_to(self, address: str) -> list[str]:
        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for message in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
                if f"To: {address}" in message:
                    found.append(message)
        return found


@contextmanager
def serving(srv: Server, log_path: Path) -> Iterator[None]:
    """gunicorn on ``srv.url`` with ``srv.env`` until the block ends; fails the test if /healthz never answers."""
    port = srv.url.rsplit(":", 1)[1]
    with open(log_path, "w") as log:
        command = [sys.executable, "-m", "gunicorn", "citizen_office.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        process = subprocess.Popen(
            [*command, "--workers", "1", "--threads", "4"],
            cwd=ROOT,
            env=srv.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    with urllib.request.urlopen(f"{srv.url}/healthz", timeout=2) as response:  # noqa: S310 — loopback
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.3)
            else:
                pytest.fail("the test server did not start:\n" + log_path.read_text())
            yield
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    work = tmp_path_factory.mktemp("browser")
    port = _free_port()
    env = {
        **os.environ,
        "CITIZEN_OFFICE_ENV": "development",
        "DEBUG": "false",
        "SQLITE_PATH": str(work / "db.sqlite3"),
        "HUEY_SQLITE_PATH": str(work / "huey.sqlite3"),
        "HUEY_IMMEDIATE": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        # Tests that need a given date write it here (core.clock); absent, the real date is used.
        "CLOCK_FILE": str(work / "clock"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    srv = Server(f"http://127.0.0.1:{port}", env, work / "mail")
    srv.manage("migrate", "--no-input", "-v", "0")
    srv.manage("import_territories")
    srv.manage("seed_demo")
    with serving(srv, work / "server.log"):
        yield srv


@pytest.fixture(scope="session")
def browser(server: Server) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server.url, bypass_csp=True, locale="fr-FR")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


@pytest.fixture
def new_page(browser, server):  # type: ignore[no-untyped-def]
    """A factory of separate sessions (a citizen and two staff members side by side)."""
    contexts = []

    def make(locale: str = "fr-FR"):  # type: ignore[no-untyped-def]
        context = browser.new_context(base_url=server.url, bypass_csp=True, locale=locale)
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(10_000)
        return pg

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def nojs_page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server.url, java_script_enabled=False, bypass_csp=True)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    """axe-core (shipped inside axe-playwright-python) reports zero violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_accessible_in_every_language(page, path: str) -> None:  # type: ignore[no-untyped-def]
    """Visit ``path`` (starting /fr/) in every language; axe finds nothing; the page is left in French."""
    for lang in ("ar", "zgh", "en", "fr"):
        page.goto(path.replace("/fr/", f"/{lang}/", 1))
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)


def totp_now() -> str:
    from accounts.totp import totp_code
    from portal.demo import DEMO_TOTP_SECRET

    return totp_code(DEMO_TOTP_SECRET)


# An authenticator code is accepted once per account: the last one used for each account, so a second sign-in
# within the same 30 seconds waits for the next code instead of failing.
_used_codes: dict[str, str] = {}


def fresh_totp_code(email: str) -> str:
    code = totp_now()
    while _used_codes.get(email) == code:
        time.sleep(1)
        code = totp_now()
    _used_codes[email] = code
    return code


def confirm_email(page, server: Server, address: str) -> None:  # type: ignore[no-untyped-def]
    """Open the confirmation link of the newest email to ``address`` and confirm: the person is then signed in
    (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION, in the browser that signed up) and lands on their office."""
    import re

    [message] = server.emails_to(address)[-1:]
    found = re.search(r"(http://127\.0\.0\.1:\d+/\S+/accounts/confirm-email/\S+/)", message)
    assert found, message
    page.goto(found.group(1))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/me/$"))


def sign_in(page, email: str, password: str, lang: str = "fr", totp: bool = False) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/{lang}/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").first.click()
    if totp:
        page.fill("#id_code", fresh_totp_code(email))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
