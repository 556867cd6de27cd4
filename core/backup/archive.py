"""The archive half of a backup: writing it, the retention, checking it against its manifest, restoring it."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone

from core.backup.database import (
    DATABASE_MEMBERS,
    INSTALLERS,
    SNAPSHOTS,
    BackupError,
    backup_in_use,
    database_engine,
    live_counts,
    sqlite_in_memory,
    sqlite_path,
    unapplied_migrations,
)

FORMAT = 1
ARCHIVE_RE = re.compile(r"^citizen-office-\d{8}T\d{6}Z\.tar\.gz$")
# What a run killed half-way leaves behind in the backup folder (removed by the next run after a day).
LEFTOVER_RE = re.compile(r"^\.citizen-office-(?:\d{8}T\d{6}Z\.tar\.gz\.partial|tmp-.*)$")
LEFTOVER_AGE = 24 * 3600
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    seconds: float
    removed: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreReport:
    manifest: dict[str, Any]
    counts: dict[str, int]
    seconds: float
    unapplied_migrations: list[str] = field(default_factory=list)


def file_roots() -> dict[str, Path]:
    """The folders a backup carries, by the name of their folder inside the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


# --- Writing an archive -------------------------------------------------------------------------------------------


class _Hashing:
    """A file read through it is hashed on the way (tarfile reads it once)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, member: str) -> dict[str, Any] | None:
    """Add one file under ``member``; its manifest entry, or None when it was deleted since it was listed."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        info = tar.gettarinfo(arcname=member, fileobj=handle)  # the size now: bytes appended later are left out
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _Hashing(handle)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return {"path": member, "size": info.size, "sha256": reader.sha256.hexdigest()}


def _add_tree(tar: tarfile.TarFile, prefix: str, root: Path, skip: Path) -> list[dict[str, Any]]:
    """Every regular file under ``root`` (symbolic links aside), in a stable order; ``skip`` is the backup folder."""
    entries: list[dict[str, Any]] = []
    if not root.is_dir():
        return entries
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if (Path(dirpath) / d).resolve() != skip)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            entry = _add_file(tar, path, f"{prefix}/{path.relative_to(root).as_posix()}")
            if entry is not None:
                entries.append(entry)
    return entries


def _add_bytes(tar: tarfile.TarFile, member: str, data: bytes) -> None:
    info = tarfile.TarInfo(member)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _write_archive(path: Path, *, created_at: datetime, scratch: Path) -> dict[str, Any]:
    """The database snapshot first, then the files, then the manifest that lists them with their hashes."""
    engine = database_engine()
    if connection.in_atomic_block:
        # SQLite's backup would wait forever on its own connection's write; pg_dump would not see our writes.
        raise BackupError("A backup reads the database from a transaction of its own: never inside another one.")
    member = DATABASE_MEMBERS[engine]
    with tempfile.TemporaryDirectory(prefix=".citizen-office-tmp-", dir=scratch) as tmp:
        copy = Path(tmp) / PurePosixPath(member).name
        snapshot = SNAPSHOTS[engine](copy)
        with tarfile.open(path, "w:gz", compresslevel=6) as tar:
            database = _add_file(tar, copy, member)
            files = [e for prefix, root in file_roots().items() for e in _add_tree(tar, prefix, root, scratch)]
            manifest = {
                "format": FORMAT,
                "created_at": created_at.isoformat(),
                "engine": engine,
                "django": django.get_version(),
                "database": database,
                "migrations": snapshot.migrations,
                "counts": snapshot.counts,
                "files": files,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    return manifest


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_create(*, dest: Path | None = None, keep: int | None = None) -> BackupResult:
    """Write one archive (under a temporary name, renamed when complete), then apply the retention."""
    started = time.monotonic()
    folder = Path(dest or settings.BACKUP_DIR).resolve()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # the archives hold personal data
    created_at = timezone.now()
    final = folder / f"citizen-office-{created_at:%Y%m%dT%H%M%SZ}.tar.gz"
    if final.exists():
        raise BackupError(f"{final} already exists: wait a second and run it again.")
    partial = folder / f".{final.name}.partial"
    try:
        manifest = _write_archive(partial, created_at=created_at, scratch=folder)
        partial.chmod(0o600)
        _fsync(partial)
        os.replace(partial, final)
        _fsync(folder)
    finally:
        partial.unlink(missing_ok=True)
    removed = backup_prune(folder, keep=settings.BACKUP_KEEP if keep is None else keep)
    return BackupResult(final, manifest, time.monotonic() - started, removed)


def backup_prune(folder: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives this command made (its names say which); nothing else."""
    if keep < 1:
        raise BackupError("Keep at least one backup (BACKUP_KEEP, --keep).")
    ours = sorted((p for p in folder.iterdir() if ARCHIVE_RE.match(p.name) and p.is_file()), reverse=True)
    removed = ours[keep:]
    for path in removed:
        path.unlink()
    now = time.time()
    for path in folder.iterdir():
        if LEFTOVER_RE.match(path.name) and now - path.lstat().st_mtime > LEFTOVER_AGE:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    return removed


# --- Reading and checking an archive ------------------------------------------------------------------------------


@contextmanager
def _reading(path: Path) -> Iterator[tarfile.TarFile]:
    """The archive opened for reading; a damaged one gives a BackupError that says so."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        with tarfile.open(path, "r:gz") as tar:
            yield tar
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BackupError(f"{path} is damaged or cut short, not a readable backup ({exc}). Use another archive.")


def _check_member(info: tarfile.TarInfo) -> None:
    """Only what `manage.py backup` writes: the manifest, one database, files under media/ or private/."""
    parts = PurePosixPath(info.name).parts
    allowed = info.name in (MANIFEST, *DATABASE_MEMBERS.values()) or (
        len(parts) > 1 and parts[0] in file_roots() and ".." not in parts and not info.name.startswith("/")
    )
    if not allowed or not info.isfile():
        raise BackupError(f"Unexpected entry {info.name!r}: this is not an archive made by manage.py backup.")


def _content(tar: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    stream = tar.extractfile(info)
    if stream is None:
        raise BackupError(f"Entry {info.name!r} has no content.")
    return stream


def _hash_stream(stream: IO[bytes]) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def _parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data)
    except ValueError:
        raise BackupError("The archive's manifest.json is not valid JSON.")
    found = manifest.get("format") if isinstance(manifest, dict) else None
    if found != FORMAT:
        raise BackupError(f"Unknown manifest format {found!r}: this code reads format {FORMAT}.")
    if manifest.get("engine") not in DATABASE_MEMBERS or not isinstance(manifest.get("database"), dict):
        raise BackupError("The archive's manifest names no database.")
    return manifest


def _expected(manifest: dict[str, Any]) -> dict[str, tuple[int, str]]:
    return {e["path"]: (e["size"], e["sha256"]) for e in [manifest["database"], *manifest["files"]]}


def _compare(manifest: dict[str, Any], found: dict[str, tuple[int, str]]) -> None:
    expected = _expected(manifest)
    problems = [f"missing: {name}" for name in sorted(set(expected) - set(found))]
    problems += [f"not in the manifest: {name}" for name in sorted(set(found) - set(expected))]
    problems += [f"size or sha256 differs: {n}" for n in sorted(expected) if n in found and found[n] != expected[n]]
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise BackupError(f"The archive does not match its manifest: {shown}")


def archive_verify(path: Path) -> dict[str, Any]:
    """Read the whole archive and check every entry against the manifest; the manifest when all agree."""
    found: dict[str, tuple[int, str]] = {}
    manifest = None
    with _reading(path) as tar:
        for info in tar:
            _check_member(info)
            stream = _content(tar, info)
            if info.name == MANIFEST:
                manifest = _parse_manifest(stream.read())
            else:
                found[info.name] = _hash_stream(stream)
    if manifest is None:
        raise BackupError(f"{path} holds no manifest.json: not an archive made by manage.py backup.")
    _compare(manifest, found)
    return manifest


# --- Restoring ----------------------------------------------------------------------------------------------------


def _write_member(stream: IO[bytes], target: Path, expected: tuple[int, str]) -> None:
    """Write one entry beside its place, check it, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.restoring")
    digest, size = hashlib.sha256(), 0
    with temporary.open("wb") as out:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if (size, digest.hexdigest()) != expected:
        temporary.unlink()
        raise BackupError(f"{target}: the archive changed while it was being restored.")
    os.replace(temporary, target)


def _unpack(archive: Path, manifest: dict[str, Any], scratch: Path) -> Path:
    """Files into MEDIA_ROOT and PRIVATE_MEDIA_ROOT, the database into ``scratch``; the database copy's path."""
    expected = _expected(manifest)
    database = manifest["database"]["path"]
    roots = file_roots()
    copy = scratch / PurePosixPath(database).name
    with _reading(archive) as tar:
        for info in tar:
            if info.name == MANIFEST:
                continue
            _check_member(info)
            parts = PurePosixPath(info.name).parts
            target = copy if info.name == database else roots[parts[0]].joinpath(*parts[1:])
            stream = _content(tar, info)
            _write_member(stream, target, expected[info.name])
    return copy


def _refuse_unless_empty(force: bool) -> None:
    if force or (database_engine() == "sqlite" and not sqlite_in_memory() and not sqlite_path().exists()):
        return  # a new SQLite setup has no database file yet
    if not (in_use := backup_in_use()):
        return
    held = ", ".join(f"{rows} {label}" for label, rows in in_use.items())
    raise BackupError(
        f"This setup's database already holds data ({held}). A restore goes into an empty setup; "
        "--force replaces the database with the archive's."
    )


def backup_restore(*, archive: Path, force: bool = False) -> RestoreReport:
    """Check the archive whole, then restore its database and files into this (empty) setup and recount."""
    started = time.monotonic()
    manifest = archive_verify(archive)
    engine = database_engine()
    if manifest["engine"] != engine:
        raise BackupError(f"The archive holds a {manifest['engine']} database; this setup runs {engine}.")
    try:
        _refuse_unless_empty(force)
    except OperationalError as exc:
        raise BackupError(f"Cannot open this setup's database ({exc}). Create it first (PostgreSQL: createdb).")
    scratch = sqlite_path().parent if engine == "sqlite" else Path(tempfile.gettempdir())
    scratch.mkdir(parents=True, exist_ok=True)  # a new setup's SQLite folder may not exist yet
    with tempfile.TemporaryDirectory(prefix=".citizen-office-restore-", dir=scratch) as tmp:
        INSTALLERS[engine](_unpack(archive, manifest, Path(tmp)))
    counts = live_counts()
    differ = {label: rows for label, rows in manifest["counts"].items() if counts.get(label) != rows}
    if differ:
        raise BackupError(f"The restored database's row counts differ from the manifest's: {sorted(differ)}")
    return RestoreReport(manifest, counts, time.monotonic() - started, unapplied_migrations())
