"""The restore drill (issue 11 §5): a backup taken while people keep signing up, restored into an empty setup.

Each setup is its own database and folders, driven through manage.py in subprocesses as on a server. A writer
keeps creating accounts (the sign-up service: an account, its audit event and its welcome messages in one
transaction, the person's file saved first, as a FileField does) while `manage.py backup` runs; `manage.py
restore` puts the archive into a new setup. The restored rows equal the manifest's counts, every file is there
with its hash, every account's file came along, and the audit chain verifies.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.backup import count_rows

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"

WRITER = """
import os, time
from pathlib import Path
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import transaction
from accounts.models import User
from accounts.services import account_signed_up

progress, stop = Path(os.environ["DRILL_PROGRESS"]), Path(os.environ["DRILL_STOP"])
n, deadline = 0, time.monotonic() + 60
while not stop.exists() and time.monotonic() < deadline:
    n += 1
    storages["private"].save(f"drill/{n}.bin", ContentFile(os.urandom(1000 + n)))
    default_storage.save(f"drill/{n}.txt", ContentFile(f"public {n}".encode()))
    with transaction.atomic():
        account_signed_up(user=User.objects.create_user(email=f"drill-{n}@example.org"))
    Path(f"{progress}.tmp").write_text(str(n))
    os.replace(f"{progress}.tmp", progress)
"""


@dataclass
class Setup:
    """One installation: its database and its folders."""

    folder: Path
    env: dict[str, str]

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        assert not check or result.returncode == 0, result.stdout + result.stderr
        return result

    @property
    def private(self) -> Path:
        return Path(self.env["PRIVATE_MEDIA_ROOT"])

    def root(self, prefix: str) -> Path:
        return Path(self.env["MEDIA_ROOT" if prefix == "media" else "PRIVATE_MEDIA_ROOT"])


def _setup(folder: Path, **database: str) -> Setup:
    folder.mkdir()
    env = {
        **os.environ,
        "CITIZEN_OFFICE_ENV": "development",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "BACKUP_DIR": str(folder / "backups"),
        "HUEY_SQLITE_PATH": str(folder / "huey.sqlite3"),
        "EMAIL_FILE_PATH": str(folder / "mail"),
        **database,
    }
    env.pop("DATABASE_URL" if "SQLITE_PATH" in database else "SQLITE_PATH", None)
    return Setup(folder, env)


def _progress(path: Path) -> int:
    return int(path.read_text()) if path.exists() else 0


@contextmanager
def _writing(setup: Setup) -> Iterator[dict[str, int]]:
    """A process signing people up until the block ends; yields where it stands once it has written 15 accounts."""
    progress, stop = setup.folder / "progress", setup.folder / "stop"
    env = {**setup.env, "DRILL_PROGRESS": str(progress), "DRILL_STOP": str(stop)}
    log = setup.folder / "writer.log"
    with log.open("w") as err:
        writer = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", WRITER], cwd=ROOT, env=env, stdout=err, stderr=err
        )
    state = {"before": 0, "after": 0}
    try:
        deadline = time.monotonic() + 30
        while _progress(progress) < 15 and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _progress(progress) >= 15, log.read_text()
        state["before"] = _progress(progress)
        yield state
    finally:
        stop.touch()
        writer.wait(timeout=30)
    assert writer.returncode == 0, log.read_text()
    state["after"] = _progress(progress)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _seconds(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, text
    return float(found[1])


def _drill(source: Setup, target: Setup, live_rows) -> dict[str, object]:
    """Back up under writes, restore into ``target``; what the manifest says must be what the target holds."""
    with _writing(source) as writes:
        started = time.monotonic()
        backup = source.manage("backup")
        backup_seconds = time.monotonic() - started
    archives = list((source.folder / "backups").iterdir())
    assert len(archives) == 1 and "Backup written" in backup.stdout
    with tarfile.open(archives[0]) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    accounts = manifest["counts"]["accounts.User"]
    # Taken while the writer ran: after its first accounts, before its last.
    assert writes["before"] <= accounts < writes["after"], (writes, accounts)
    # One transaction each: the snapshot holds every account's audit event and welcome messages, nothing half-made.
    messages = manifest["counts"]["notifications.Notification"]
    assert manifest["counts"]["audit.AuditEvent"] == accounts and messages >= accounts and messages % accounts == 0

    started = time.monotonic()
    restore = target.manage("restore", str(archives[0]))
    restore_seconds = time.monotonic() - started
    assert f"Audit chain intact: {accounts} events verified." in restore.stdout, restore.stdout
    assert f"accounts.User: {accounts}" in restore.stdout

    assert live_rows() == manifest["counts"]
    for entry in manifest["files"]:
        prefix, _slash, relative = entry["path"].partition("/")
        restored = target.root(prefix) / relative
        assert restored.stat().st_size == entry["size"] and _sha256(restored) == entry["sha256"], entry["path"]
    # Every account in the snapshot had saved its file before its row was written: all of them came along.
    for n in range(1, accounts + 1):
        assert (target.private / "drill" / f"{n}.bin").stat().st_size == 1000 + n
    # The commands' own times (the rest of each subprocess is Python and Django starting).
    inside = (_seconds(r"bytes, ([\d.]+) s\)", backup.stdout), _seconds(r"\(([\d.]+) s\)", restore.stdout))
    return {
        "backup": backup_seconds,
        "restore": restore_seconds,
        "inside": inside,
        "accounts": accounts,
        "files": len(manifest["files"]),
    }


def _sqlite_rows(path: Path):
    def rows() -> dict[str, int]:
        with closing(sqlite3.connect(path)) as db:
            cursor = db.cursor()
            tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            return count_rows(cursor, tables)

    return rows


@pytest.fixture
def migrated_sqlite(tmp_path, django_db_setup, django_db_blocker) -> Path | None:
    """A copy of this run's migrated test database when it is SQLite (seconds saved on `migrate`), else None."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    path = tmp_path / "migrated.sqlite3"
    with django_db_blocker.unblock(), closing(sqlite3.connect(path)) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
    return path


def test_a_sqlite_backup_taken_under_writes_restores_whole_into_an_empty_setup(tmp_path, migrated_sqlite):
    source = _setup(tmp_path / "source", SQLITE_PATH=str(tmp_path / "source" / "db.sqlite3"))
    target = _setup(tmp_path / "target", SQLITE_PATH=str(tmp_path / "target" / "db" / "db.sqlite3"))
    if migrated_sqlite:
        migrated_sqlite.rename(tmp_path / "source" / "db.sqlite3")
    else:
        source.manage("migrate", "-v0")

    timings = _drill(source, target, _sqlite_rows(tmp_path / "target" / "db" / "db.sqlite3"))

    print(f"\nSQLite drill: {timings}")  # shown with pytest -s


def _postgres_ready() -> str | None:
    """Why the PostgreSQL drill cannot run here, or None."""
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        return "pg_dump/pg_restore are not installed"
    probe = subprocess.run([sys.executable, "scripts/pg_available.py", PG_ADMIN], cwd=ROOT, check=False)
    return None if probe.returncode == 0 else "PostgreSQL does not answer at 127.0.0.1:5432"


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    if reason := _postgres_ready():
        pytest.skip(reason)
    import psycopg

    names = [f"co_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "target")]
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield names[0], names[1]
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_rows(name: str):
    def rows() -> dict[str, int]:
        import psycopg

        with psycopg.connect(f"postgres://postgres@127.0.0.1:5432/{name}") as db, db.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            return count_rows(cursor, {row[0] for row in cursor.fetchall()})

    return rows


def test_a_postgresql_backup_taken_under_writes_restores_whole_into_an_empty_database(tmp_path, postgres_databases):
    source_db, target_db = postgres_databases
    source = _setup(tmp_path / "source", DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{source_db}")
    target = _setup(tmp_path / "target", DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{target_db}")
    source.manage("migrate", "-v0")

    timings = _drill(source, target, _postgres_rows(target_db))

    print(f"\nPostgreSQL drill: {timings}")  # shown with pytest -s
