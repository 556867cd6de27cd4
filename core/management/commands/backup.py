"""`manage.py backup`: one archive of the database and the uploaded files, then the retention (core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (database, MEDIA_ROOT, PRIVATE_MEDIA_ROOT, manifest.json) to BACKUP_DIR, "
        "then delete all but the newest BACKUP_KEEP archives this command made."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dest", type=Path, help="Folder to write to (default: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="Archives to keep in that folder (default: BACKUP_KEEP).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(dest=options["dest"], keep=options["keep"])
        except BackupError as exc:
            raise CommandError(str(exc))
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {result.path} ({result.path.stat().st_size} bytes, {result.seconds:.1f} s)"
            )
        )
        self.stdout.write(
            f"  {manifest['engine']} database: {sum(manifest['counts'].values())} rows in "
            f"{len(manifest['counts'])} tables; {len(manifest['files'])} files"
        )
        keep = options["keep"] or settings.BACKUP_KEEP
        for path in result.removed:
            self.stdout.write(f"  removed (keeping the newest {keep}): {path.name}")
