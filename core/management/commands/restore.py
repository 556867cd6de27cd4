"""`manage.py restore ARCHIVE`: an archive of `manage.py backup` into an empty setup, checked (core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into an empty setup (stop the site and the worker first): "
        "checks every entry's sha256 against the manifest, restores the database and the files, recounts the rows "
        "and verifies the audit chain."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="A citizen-office-*.tar.gz file.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds accounts or cases."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_restore(archive=options["archive"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc))
        manifest = report.manifest
        self.stdout.write(
            f"Archive of {manifest['created_at']} ({manifest['engine']}): database and "
            f"{len(manifest['files'])} files restored, every sha256 as in the manifest ({report.seconds:.1f} s)."
        )
        self.stdout.write(f"Rows, as in the manifest ({sum(report.counts.values())} in all):")
        for label, rows in report.counts.items():
            if rows:
                self.stdout.write(f"  {label}: {rows}")
        if report.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"Migrations of this code not applied to the restored database: run `manage.py migrate` "
                    f"({', '.join(report.unapplied_migrations[:5])}"
                    f"{', …' if len(report.unapplied_migrations) > 5 else ''})."
                )
            )
        if apps.is_installed("audit"):
            call_command("verify_audit_chain", stdout=self.stdout, stderr=self.stderr)
