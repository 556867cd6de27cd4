"""Backups and restores: one archive with the database, the uploaded files and a manifest (docs/operations.md).

The database is copied as one consistent snapshot while the site keeps writing: SQLite's online backup API (one
read transaction in WAL mode), ``pg_dump`` on PostgreSQL (its snapshot is exported from our own transaction, so
the manifest's row counts are read from the very same one). Files are copied after the snapshot: every file a
row of the snapshot names is already on disk; a file uploaded meanwhile is carried along and harms nothing.
"""

from core.backup.archive import (
    ARCHIVE_RE,
    BackupResult,
    RestoreReport,
    archive_verify,
    backup_create,
    backup_prune,
    backup_restore,
    file_roots,
)
from core.backup.database import DATABASE_MEMBERS, BackupError, backup_in_use, count_rows, live_counts

__all__ = [
    "ARCHIVE_RE",
    "DATABASE_MEMBERS",
    "BackupError",
    "BackupResult",
    "RestoreReport",
    "archive_verify",
    "backup_create",
    "backup_in_use",
    "backup_prune",
    "backup_restore",
    "count_rows",
    "file_roots",
    "live_counts",
]
