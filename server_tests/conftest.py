"""Server drills: the application started as `make run` starts it (gunicorn with scripts/gunicorn.conf.py, several
workers), on a SQLite file of its own, driven over HTTP from the test.

The database is migrated once per run into a template file and copied for each server, so a test starts from a
clean platform in about a second. ``WEB_MAX_REQUESTS=1`` makes every worker exit after one answer: each request is
then served by a process that has never seen the previous ones, so whatever a test proves about counts cannot come
from one process's memory.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env(work: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "CITIZEN_OFFICE_ENV": "development",
        "DEBUG": "false",
        "SQLITE_PATH": str(work / "db.sqlite3"),
        "HUEY_SQLITE_PATH": str(work / "huey.sqlite3"),
        "HUEY_IMMEDIATE": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "PYTEST_CURRENT_TEST", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("template")
    manage(base_env(work), "migrate", "--no-input", "-v", "0")
    return work / "db.sqlite3"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Browser:
    """One person's cookies; every request on a new connection (so any worker may answer)."""

    url: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Connection": "close", **(headers or {})}
        req = urllib.request.Request(self.url + path, data=body, headers=headers)  # noqa: S310 — loopback http
        if data is not None:
            req.add_header("Referer", self.url + path)
        try:
            with self.opener.open(req, timeout=30) as response:
                return Answer(response.status, dict(response.headers), response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode("utf-8", "replace"))

    def csrf(self, path: str) -> str:
        page = self.request(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, f"no form at {path}: {page.status}"
        return match.group(1)


@dataclass
class Platform:
    """A platform's files (database, media) shared by the app servers a test starts on it."""

    work: Path
    env: dict[str, str]
    logs: list[Path] = field(default_factory=list)

    def manage(self, *args: str) -> str:
        return manage(self.env, *args)

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code)

    @contextmanager
    def app_server(self, **extra_env: str) -> Iterator[str]:
        """gunicorn as `make run` starts it (scripts/gunicorn.conf.py, WEB_WORKERS workers); yields its URL."""
        port = free_port()
        env = {**self.env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_WORKERS": "2", **extra_env}
        log_path = self.work / f"gunicorn-{port}.log"
        self.logs.append(log_path)
        url = f"http://127.0.0.1:{port}"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "citizen_office.wsgi:application", "-c", "scripts/gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                deadline = time.time() + 40
                while time.time() < deadline:
                    try:
                        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                            if response.status == 200:
                                break
                    except OSError:
                        time.sleep(0.3)
                else:
                    pytest.fail("the app server did not start:\n" + log_path.read_text())
                yield url
            finally:
                process.terminate()
                process.wait(timeout=20)


@pytest.fixture
def platform(tmp_path: Path, template_db: Path) -> Platform:
    shutil.copy(template_db, tmp_path / "db.sqlite3")
    for name in ("media", "private", "mail"):
        (tmp_path / name).mkdir()
    return Platform(tmp_path, base_env(tmp_path))


PG_URL = os.environ.get("PG_TEST_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def pg_answers() -> bool:
    command = [sys.executable, "scripts/pg_available.py", PG_URL]
    return subprocess.run(command, cwd=ROOT, check=False).returncode == 0


@contextmanager
def platform_on(kind: str, tmp_path: Path, env: dict[str, str], request: pytest.FixtureRequest) -> Iterator[Platform]:
    """A platform on a copy of the migrated SQLite template, or on a PostgreSQL database of its own (dropped
    afterwards; the test is skipped when PostgreSQL does not answer)."""
    import uuid

    if kind == "sqlite":
        template: Path = request.getfixturevalue("template_db")
        (tmp_path / "db.sqlite3").write_bytes(template.read_bytes())
        yield Platform(tmp_path, env)
        return
    if not pg_answers():
        pytest.skip(f"PostgreSQL does not answer at {PG_URL}")
    name = f"citizen_office_test_{uuid.uuid4().hex[:8]}"
    server = PG_URL.rsplit("/", 1)[0]
    subprocess.run(["createdb", f"--maintenance-db={server}/postgres", name], check=True)
    try:
        env["DATABASE_URL"] = f"{server}/{name}"
        manage(env, "migrate", "--no-input", "-v", "0")
        yield Platform(tmp_path, env)
    finally:
        subprocess.run(["dropdb", f"--maintenance-db={server}/postgres", "--force", name], check=False)
