"""The Django admin (platform administrators only): every change made there is written to the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from audit.models import AuditEvent
from audit.services import Context, audit_record


def _institution_of(obj: Model) -> Any:
    """The tenant an edited row belongs to: itself for an institution, else its institution."""
    if obj._meta.label_lower == "institutions.institution":
        return obj
    return getattr(obj, "institution", None)


class AuditedAdminMixin:
    """Records every add, change and delete made in the Django admin, inlines included."""

    # ``obj`` is Any: each ModelAdmin narrows it to its own model (a ModelAdmin[Institution] takes an Institution).

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        audit_record(
            actor=request.user,
            action=f"admin.{'change' if change else 'add'}",
            obj=obj,
            institution=_institution_of(obj),
            changes={"fields": list(form.changed_data)},
            context=Context.from_request(request),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(
            actor=request.user,
            action="admin.delete",
            obj=obj,
            institution=_institution_of(obj),
            context=Context.from_request(request),
        )
        super().delete_model(request, obj)  # type: ignore[misc]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        for formset in formsets:
            rows = [*formset.new_objects, *(obj for obj, _fields in formset.changed_objects), *formset.deleted_objects]
            for row in rows:
                audit_record(
                    actor=request.user,
                    action="admin.inline_change",
                    obj=row,
                    institution=_institution_of(row),
                    changes={"parent": str(form.instance.pk), "deleted": row in formset.deleted_objects},
                    context=Context.from_request(request),
                )


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyAdminMixin:
    """For rows written only by services (audit events, identity checks): the admin only reads."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "action", "actor_label", "institution", "object_repr", "channel")
    list_filter = ("channel", "action")
    search_fields = ("action", "object_repr", "actor_label")
