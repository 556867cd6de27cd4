"""Links that work wherever it runs: a server on another port, SITE_URL unset, emails read on the dev mail page."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_tests.conftest import Server, _free_port, assert_accessible, assert_accessible_in_every_language, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bare_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A development server on a free port, started the way `gunicorn` alone would be: no SITE_URL, no HOST/PORT.

    Its settings' SITE_URL is therefore http://127.0.0.1:8000; every link it sends must still name its own port.
    Emails use the development backend (the default), which keeps them in EMAIL_FILE_PATH for the mail page.
    """
    work = tmp_path_factory.mktemp("links")
    port = _free_port()
    env = {
        **os.environ,
        "CITIZEN_OFFICE_ENV": "development",
        "DEBUG": "false",
        "SQLITE_PATH": str(work / "db.sqlite3"),
        "HUEY_SQLITE_PATH": str(work / "huey.sqlite3"),
        "HUEY_IMMEDIATE": "true",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
    }
    for name in ("SITE_URL", "HOST", "PORT", "EMAIL_BACKEND", "DATABASE_URL", "REDIS_URL", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    srv = Server(f"http://127.0.0.1:{port}", env, work / "mail")
    shown = srv.manage("shell", "-c", "from django.conf import settings; print(settings.SITE_URL)")
    assert shown.strip().splitlines()[-1] == "http://127.0.0.1:8000"
    srv.manage("migrate", "--no-input", "-v", "0")
    srv.manage("import_territories")
    with serving(srv, work / "server.log"):
        yield srv


@pytest.fixture
def bare_page(browser, bare_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=bare_server.url, bypass_csp=True, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def test_a_newcomer_on_another_port_confirms_their_email_from_the_dev_mail_page(bare_page, bare_server) -> None:
    page, port = bare_page, bare_server.url.rsplit(":", 1)[1]
    assert port != "8000"
    page.goto("/en/accounts/signup/")
    page.fill("#id_full_name", "Yassine Tazi")
    page.fill("#id_email", "yassine.links@example.org")
    page.fill("#id_password1", "a long walk by the sea")
    page.fill("#id_password2", "a long walk by the sea")
    page.locator("main form button[type=submit]").last.click()  # the form's own; earlier ones move within it
    page.wait_for_url(re.compile(r"/en/accounts/confirm-email/$"))  # check your email: signed in once confirmed

    # The email is kept as a file and listed on the development mail page, newest first.
    assert list(Path(bare_server.mail_dir).glob("*.eml"))
    page.goto("/en/dev/mail/")
    assert_accessible(page)
    message = page.locator(".message", has_text="Confirm your email address").first
    assert "yassine.links@example.org" in message.inner_text()
    assert "Hello from" not in message.inner_text()
    link = message.locator('a[href*="/accounts/confirm-email/"]')
    assert link.get_attribute("href").startswith(f"http://127.0.0.1:{port}/en/accounts/confirm-email/")
    # The welcome message, sent by the queue, links to the same server.
    welcome = page.locator(".message", has_text="Welcome").first.inner_text()
    assert f"http://127.0.0.1:{port}/" in welcome and ":8000" not in welcome

    link.click()
    page.wait_for_url(re.compile(rf"^http://127\.0\.0\.1:{port}/en/accounts/confirm-email/"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    verified = bare_server.manage(
        "shell",
        "-c",
        "from allauth.account.models import EmailAddress; "
        "print(EmailAddress.objects.get(email='yassine.links@example.org').verified)",
    )
    assert verified.strip().splitlines()[-1] == "True"


def test_the_dev_mail_page_is_accessible_in_every_language(bare_page) -> None:
    assert_accessible_in_every_language(bare_page, "/fr/dev/mail/")
