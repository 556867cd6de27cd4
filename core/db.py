"""Database helpers that every module's services share."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock_and_reload(instance: M) -> M:
    """Lock the row for the rest of the transaction and reload it, so two people acting at once give one outcome.

    ``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises write transactions anyway.
    """
    type(instance)._default_manager.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True).first()
    instance.refresh_from_db()
    return instance
