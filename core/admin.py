"""Django admin (platform administrators only) writes to the audit trail too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest


def _institution_of(obj: Model) -> Any:
    """The tenant an edited row belongs to: itself for an institution, else its institution."""
    if obj._meta.label_lower == "institutions.institution":
        return obj
    return getattr(obj, "institution", None)


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        from audit.services import Context, audit_record

        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=f"admin.{'change' if change else 'add'}",
            obj=obj,
            institution=_institution_of(obj),
            changes={"fields": list(form.changed_data)},
            context=Context.from_request(request),
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        from audit.services import Context, audit_record

        audit_record(
            actor=request.user,
            action="admin.delete",
            obj=obj,
            institution=_institution_of(obj),
            context=Context.from_request(request),
        )
        super().delete_model(request, obj)
