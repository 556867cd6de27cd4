"""The database half of a backup: a consistent snapshot, its row counts, and putting it back (core.backup)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Model

DATABASE_MEMBERS = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.dump"}
# A restore goes into an empty setup: there, no one has an account, filed a case or left a trace in the audit
# trail. Labels, not imports: core names no module (the user model comes from settings).
IN_USE_MODELS = ("information.InformationRequest", "applications.Application", "audit.AuditEvent")


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Snapshot:
    counts: dict[str, int]
    migrations: dict[str, Any]


def database_engine() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


# --- Counting rows, reading the migration state ------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables_counted() -> dict[str, str]:
    """Each model's table, by the model's label (many-to-many tables included, proxies and unmanaged models not)."""
    tables: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in tables.values():
            tables[model._meta.label] = model._meta.db_table
    return tables


def count_rows(cursor: Any, existing: set[str]) -> dict[str, int]:
    """Rows in each model's table that exists, through ``cursor`` (a snapshot's or the live database's)."""
    counts: dict[str, int] = {}
    for label, table in sorted(_tables_counted().items()):
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (a model's own table name)
            counts[label] = cursor.fetchone()[0]
    return counts


def _migration_state(cursor: Any, existing: set[str]) -> dict[str, Any]:
    """How many migrations were applied, and the newest of each app."""
    if "django_migrations" not in existing:
        return {"applied": 0, "latest": {}}
    cursor.execute("SELECT app, name FROM django_migrations")
    rows = cursor.fetchall()
    latest: dict[str, str] = {}
    for app, name in rows:
        latest[app] = max(latest.get(app, ""), name)
    return {"applied": len(rows), "latest": dict(sorted(latest.items()))}


def live_counts() -> dict[str, int]:
    """Row counts of the database this process is configured for."""
    with connection.cursor() as cursor:
        return count_rows(cursor, set(connection.introspection.table_names(cursor)))


def backup_in_use() -> dict[str, int]:
    """Rows of the tables an unused setup leaves empty (people, their cases, the audit trail); empty when unused."""
    existing = set(connection.introspection.table_names())
    found: dict[str, int] = {}
    for label in (settings.AUTH_USER_MODEL, *IN_USE_MODELS):
        try:
            model: type[Model] = apps.get_model(label)
        except LookupError:
            continue
        if model._meta.db_table in existing and (rows := model._base_manager.count()):
            found[model._meta.label] = rows
    return found


# --- Database snapshots and their installation --------------------------------------------------------------------


def _sqlite_snapshot(target: Path) -> Snapshot:
    """SQLite's online backup API, in one step: one read transaction, consistent while others write (WAL)."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The copy of the database failed SQLite's integrity check: {check}")
        cursor = copy.cursor()
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return Snapshot(count_rows(cursor, existing), _migration_state(cursor, existing))


def _postgres_snapshot(target: Path) -> Snapshot:
    """pg_dump in the custom format, from a snapshot our transaction exports and counts its rows in."""
    pg_dump = _tool("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"], what="pg_dump")
        existing = set(connection.introspection.table_names(cursor))
        return Snapshot(count_rows(cursor, existing), _migration_state(cursor, existing))


def sqlite_in_memory() -> bool:
    name = str(connection.settings_dict["NAME"])
    return name == ":memory:" or "mode=memory" in name


def sqlite_path() -> Path:
    if sqlite_in_memory():
        raise BackupError("An in-memory SQLite database cannot be restored into.")
    return Path(connection.settings_dict["NAME"])


def _sqlite_install(copy: Path) -> None:
    """Put the restored file in place of the database; a stale -wal beside it would be replayed onto it."""
    target = sqlite_path()
    connections.close_all()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(copy, target)


def _postgres_install(dump: Path) -> None:
    """pg_restore into the configured database, in one transaction: all of it or nothing."""
    pg_restore = _tool("pg_restore")
    name = str(connection.settings_dict["NAME"])
    connections.close_all()
    args = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", f"--dbname={name}"]
    _run([pg_restore, *args, str(dump)], what="pg_restore")


SNAPSHOTS: dict[str, Callable[[Path], Snapshot]] = {"sqlite": _sqlite_snapshot, "postgresql": _postgres_snapshot}
INSTALLERS: dict[str, Callable[[Path], None]] = {"sqlite": _sqlite_install, "postgresql": _postgres_install}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools (the server's version).")
    return path


def _pg_env() -> dict[str, str]:
    """The connection's parameters for the PostgreSQL tools, passed in their environment (never on a command line)."""
    db = connection.settings_dict
    options = db.get("OPTIONS") or {}
    values = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
    }
    return {key: str(value) for key, value in values.items() if value}


def _run(args: list[str], *, what: str) -> None:
    env = {**os.environ, **_pg_env()}
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")


def unapplied_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
