"""Cache invalidation only (no workflow here): the institution picker's cached options."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from institutions.fields import invalidate_institution_choices
from institutions.models import Institution


@receiver(post_save, sender=Institution)
@receiver(post_delete, sender=Institution)
def _institution_changed(sender: Any, **kwargs: Any) -> None:
    invalidate_institution_choices()
