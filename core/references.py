"""Reference numbers people can read over the phone: ``INF-RABAT-2026-000123``.

One counter row per (prefix, institution code, year); the row is incremented in the caller's
transaction, so numbers are unique, gap-free in practice and never reused after a rollback
commits nothing.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from core.models import ReferenceSequence


@transaction.atomic
def reference_next(*, prefix: str, code: str, year: int) -> str:
    scope = f"{prefix}-{code}-{year}"
    updated = ReferenceSequence.objects.filter(scope=scope).update(last=F("last") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ReferenceSequence.objects.create(scope=scope, last=1)
        except IntegrityError:  # another request created it first
            ReferenceSequence.objects.filter(scope=scope).update(last=F("last") + 1)
    number = ReferenceSequence.objects.values_list("last", flat=True).get(scope=scope)
    return f"{scope}-{number:06d}"
