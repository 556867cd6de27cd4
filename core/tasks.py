"""Background jobs of the foundation."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from core.backup import backup_create


@db_periodic_task(crontab(hour=str(settings.BACKUP_HOUR), minute="0"))
def backup_nightly() -> str:
    """Every night at BACKUP_HOUR (UTC): one archive in BACKUP_DIR, the newest BACKUP_KEEP kept."""
    return str(backup_create().path)
