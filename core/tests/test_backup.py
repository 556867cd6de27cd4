"""Backups (core.backup): the retention, the manifest, damaged archives and the refusal to restore over data."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accounts.tests.factories import UserFactory
from core.backup import (
    ARCHIVE_RE,
    DATABASE_MEMBERS,
    BackupError,
    archive_verify,
    backup_create,
    backup_prune,
    backup_restore,
)


# A backup reads the database from a transaction of its own: these tests commit their rows (and the database is
# flushed after each). On PostgreSQL they need pg_dump.
def backs_up(test):
    test = pytest.mark.django_db(transaction=True)(test)
    missing = connection.vendor == "postgresql" and not shutil.which("pg_dump")
    return pytest.mark.skipif(missing, reason="pg_dump is not installed")(test)


def _archive(folder: Path, stamp: str) -> Path:
    path = folder / f"citizen-office-{stamp}.tar.gz"
    path.write_bytes(b"x")
    return path


def test_retention_keeps_the_newest_archives_and_deletes_only_its_own(tmp_path):
    archives = [_archive(tmp_path, f"2026110{day}T020000Z") for day in range(1, 6)]
    others = [tmp_path / "notes.txt", tmp_path / "citizen-office-20260101T020000Z.tar.gz.bak", tmp_path / "db.dump"]
    for path in others:
        path.write_text("mine")
    fresh_partial = tmp_path / ".citizen-office-20261106T020000Z.tar.gz.partial"
    stale_partial = tmp_path / ".citizen-office-20261001T020000Z.tar.gz.partial"
    stale_scratch = tmp_path / ".citizen-office-tmp-abc123"
    for path in (fresh_partial, stale_partial):
        path.write_bytes(b"half")
    (stale_scratch / "db.sqlite3").parent.mkdir()
    (stale_scratch / "db.sqlite3").write_bytes(b"half")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (stale_partial, stale_scratch):
        os.utime(path, (two_days_ago, two_days_ago))

    removed = backup_prune(tmp_path, keep=2)

    assert sorted(removed) == archives[:3]
    assert [p.exists() for p in archives] == [False, False, False, True, True]
    assert all(p.exists() for p in others)
    assert fresh_partial.exists()  # perhaps a backup running right now
    assert not stale_partial.exists() and not stale_scratch.exists()


def test_retention_refuses_to_keep_nothing(tmp_path):
    _archive(tmp_path, "20261101T020000Z")
    with pytest.raises(BackupError, match="at least one"):
        backup_prune(tmp_path, keep=0)


@pytest.fixture
def folders(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.BACKUP_DIR = tmp_path / "backups"
    (tmp_path / "media" / "logos").mkdir(parents=True)
    (tmp_path / "private" / "answers" / "2026").mkdir(parents=True)
    (tmp_path / "media" / "logos" / "commune.png").write_bytes(b"\x89PNG logo")
    (tmp_path / "private" / "answers" / "2026" / "answer.pdf").write_bytes(b"%PDF-1.7 " + os.urandom(5000))
    (tmp_path / "private" / "link.pdf").symlink_to(tmp_path / "private" / "answers" / "2026" / "answer.pdf")
    return tmp_path


def _members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {info.name: tar.extractfile(info).read() for info in tar}  # type: ignore[union-attr]


@backs_up
def test_the_archive_holds_the_database_the_files_and_a_manifest_that_lists_them(folders):
    UserFactory.create_batch(3)

    result = backup_create(keep=5)

    assert ARCHIVE_RE.match(result.path.name) and result.path.parent == folders / "backups"
    assert result.path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in (folders / "backups").iterdir()] == [result.path.name]  # no temporary file left
    members = _members(result.path)
    manifest = json.loads(members["manifest.json"])
    assert manifest == result.manifest
    assert manifest["engine"] == connection.vendor and manifest["format"] == 1
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert manifest["counts"]["accounts.User"] == 3 and manifest["counts"]["auth.Permission"] > 0
    assert manifest["migrations"]["applied"] > 20 and "audit" in manifest["migrations"]["latest"]
    member = DATABASE_MEMBERS[connection.vendor]
    database = members[member]
    assert database.startswith(b"SQLite format 3\x00" if connection.vendor == "sqlite" else b"PGDMP")
    assert manifest["database"] == {
        "path": member,
        "size": len(database),
        "sha256": hashlib.sha256(database).hexdigest(),
    }
    files = {e["path"]: e for e in manifest["files"]}
    assert sorted(files) == ["media/logos/commune.png", "private/answers/2026/answer.pdf"]  # the link is not a file
    for name, entry in files.items():
        assert entry == {"path": name, "size": len(members[name]), "sha256": hashlib.sha256(members[name]).hexdigest()}
    assert archive_verify(result.path) == manifest


@backs_up
def test_the_backup_command_reports_the_archive_and_what_it_removed(folders):
    (folders / "backups").mkdir()
    for day in (1, 2):
        _archive(folders / "backups", f"2026010{day}T020000Z")
    out = io.StringIO()
    call_command("backup", "--keep", "2", stdout=out)
    text = out.getvalue()
    assert "Backup written: " in text and "2 files" in text
    assert "removed (keeping the newest 2): citizen-office-20260101T020000Z.tar.gz" in text
    assert len(list((folders / "backups").iterdir())) == 2


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive entry by entry, letting ``change`` alter a member's bytes or name."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for info in old:
            data = old.extractfile(info).read()  # type: ignore[union-attr]
            info.name, data = change(info.name, data)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))


@backs_up
def test_a_damaged_or_altered_archive_is_refused_with_a_clear_error(folders, tmp_path):
    archive = backup_create(keep=5).path
    data = archive.read_bytes()

    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError, match="damaged or cut short"):
        archive_verify(cut)

    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"this is not an archive")
    with pytest.raises(BackupError, match="damaged or cut short"):
        archive_verify(garbage)

    altered = tmp_path / "altered.tar.gz"
    _rewrite(archive, altered, lambda name, body: (name, body + b"!" if name.endswith("answer.pdf") else body))
    with pytest.raises(BackupError, match=r"does not match its manifest: size or sha256 differs: private/answers"):
        archive_verify(altered)

    escaping = tmp_path / "escaping.tar.gz"
    _rewrite(archive, escaping, lambda name, body: (name.replace("media/logos", "media/../../etc"), body))
    with pytest.raises(BackupError, match=re.escape("Unexpected entry 'media/../../etc/commune.png'")):
        archive_verify(escaping)

    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


@backs_up
def test_restore_refuses_a_setup_that_holds_accounts_and_touches_nothing(folders):
    archive = backup_create(keep=5).path
    answer = folders / "private" / "answers" / "2026" / "answer.pdf"
    answer.unlink()
    UserFactory()

    with pytest.raises(BackupError, match=r"already holds data \(1 accounts.User\).*--force"):
        backup_restore(archive=archive)
    assert not answer.exists()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))


def test_the_nightly_backup_is_scheduled_at_backup_hour(settings):
    from huey.contrib.djhuey import HUEY

    from core.tasks import backup_nightly

    def due(hour: int, minute: int) -> bool:
        due_then = HUEY.read_periodic(datetime(2026, 11, 29, hour, minute))
        return backup_nightly.s().name in {task.name for task in due_then}

    assert settings.BACKUP_HOUR == 2
    assert due(2, 0)
    assert not due(3, 0) and not due(2, 1)


@backs_up
def test_the_nightly_task_writes_to_backup_dir_with_the_retention(folders, settings):
    from core.tasks import backup_nightly

    settings.BACKUP_KEEP = 1
    (folders / "backups").mkdir()
    old = _archive(folders / "backups", "20250101T020000Z")
    path = Path(backup_nightly.call_local())
    assert path.parent == folders / "backups" and path.exists() and not old.exists()
