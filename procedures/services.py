"""Writes for the catalogue: adopt a national model, publish, withdraw; every change audited."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context, audit_record
from core.i18n import per_language, text_in
from procedures.models import Procedure, ProcedureState, RequiredDocument

if TYPE_CHECKING:
    from accounts.models import User
    from institutions.models import Institution

COPIED = [
    "slug",
    "category",
    *per_language("title", "purpose", "who", "payment", "decision"),
    "fee",
    "legal_basis",
    "max_duration",
    "max_unit",
    "target_duration",
    "target_unit",
    "silence_is_acceptance",
    "channel",
]


def _admin(actor: User, institution: Institution | None) -> None:
    if institution is None or not has_role(actor, institution, [Role.INSTITUTION_ADMIN]):
        raise PermissionDenied


@transaction.atomic
def procedure_adopt(
    *,
    actor: User,
    model: Procedure,
    institution: Institution,
    fee: Decimal | None = None,
    offices: Iterable[Any] = (),
    contact: str = "",
    context: Context = SYSTEM,
) -> Procedure:
    """The institution takes a national model as its own, with its offices, fee and contact (a draft)."""
    _admin(actor, institution)
    if not model.is_model:
        raise ValidationError(_("Only a national model can be adopted."))
    if Procedure.objects.filter(institution=institution, slug=model.slug).exists():
        raise ValidationError(_("Your institution already has this procedure."))
    offices = list(offices)
    if any(o.institution_id != institution.pk for o in offices):
        raise ValidationError({"offices": _("Choose offices of your own institution.")})
    procedure = Procedure(institution=institution, model=model, contact=contact.strip())
    for name in COPIED:
        setattr(procedure, name, getattr(model, name))
    if fee is not None:
        procedure.fee = fee
    procedure.save()
    procedure.life_events.set(model.life_events.all())
    procedure.offices.set(offices)
    RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(
                procedure=procedure,
                **{
                    f: getattr(d, f)
                    for f in (
                        *per_language("name", "description"),
                        "required",
                        "formats",
                        "position",
                    )
                },
            )
            for d in model.documents.all()
        ]
    )
    audit_record(
        actor=actor,
        action="procedure.adopt",
        obj=procedure,
        institution=institution,
        changes={"model": model.slug, "fee": str(procedure.fee), "offices": [o.slug for o in offices]},
        context=context,
    )
    return procedure


@transaction.atomic
def procedure_publish(*, actor: User, procedure: Procedure, context: Context = SYSTEM) -> Procedure:
    """Put the procedure in the public catalogue; a published procedure names at least one way to apply."""
    _admin(actor, procedure.institution)
    if procedure.channel != "online" and not procedure.offices.exists():
        raise ValidationError(_("Name at least one office where people can apply before publishing."))
    if procedure.state != ProcedureState.PUBLISHED:
        procedure.state = ProcedureState.PUBLISHED
        procedure.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=actor, action="procedure.publish", obj=procedure, institution=procedure.institution, context=context
        )
    return procedure


@transaction.atomic
def procedure_unpublish(*, actor: User, procedure: Procedure, context: Context = SYSTEM) -> Procedure:
    _admin(actor, procedure.institution)
    if procedure.state != ProcedureState.DRAFT:
        procedure.state = ProcedureState.DRAFT
        procedure.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=actor, action="procedure.unpublish", obj=procedure, institution=procedure.institution, context=context
        )
    return procedure


EDITABLE = [
    *per_language("title", "purpose", "who", "payment", "decision"),
    "category",
    "fee",
    "legal_basis",
    "max_duration",
    "max_unit",
    "target_duration",
    "target_unit",
    "silence_is_acceptance",
    "channel",
    "contact",
    "department",
    "signatory",
]
DOCUMENT_FIELDS = [*per_language("name", "description"), "required", "formats", "position"]


@transaction.atomic
def procedure_update(
    *,
    actor: User,
    procedure: Procedure,
    values: dict[str, Any],
    offices: Iterable[Any] | None = None,
    life_events: Iterable[Any] | None = None,
    documents: Iterable[dict[str, Any]] = (),
    context: Context = SYSTEM,
) -> Procedure:
    """Change an institution's procedure; each saved change is a new version (applications keep theirs).

    ``documents`` are rows of DOCUMENT_FIELDS with an optional ``id`` (to change) and ``delete``.
    """
    _admin(actor, procedure.institution)
    stored = Procedure.objects.select_for_update().get(pk=procedure.pk)
    changes = _apply_values(procedure, stored, values)
    changes.update(_apply_offices_and_life_events(procedure, offices=offices, life_events=life_events))
    changes.update(_apply_documents(procedure, documents))
    if changes:
        procedure.version = stored.version + 1
        procedure.save()
        audit_record(
            actor=actor,
            action="procedure.update",
            obj=procedure,
            institution=procedure.institution,
            changes={"version": procedure.version, **changes},
            context=context,
        )
    return procedure


def _apply_values(procedure: Procedure, stored: Procedure, values: dict[str, Any]) -> dict[str, Any]:
    """Copy the edited fields onto ``procedure``; the changes as [before, after] against the stored row."""
    changes: dict[str, Any] = {}
    for name in EDITABLE:
        if name in values and getattr(stored, name) != values[name]:
            before = getattr(stored, name)
            changes[name] = [str(getattr(before, "slug", before)), str(getattr(values[name], "slug", values[name]))]
            setattr(procedure, name, values[name])
    department = values.get("department")
    if department is not None and department.institution_id != procedure.institution_id:
        raise ValidationError({"department": _("Choose a department of your own institution.")})
    return changes


def _apply_offices_and_life_events(
    procedure: Procedure, *, offices: Iterable[Any] | None, life_events: Iterable[Any] | None
) -> dict[str, Any]:
    """Where the procedure is offered and the life events it belongs to (``None``: unchanged)."""
    changes: dict[str, Any] = {}
    if offices is not None:
        offices = list(offices)
        if any(o.institution_id != procedure.institution_id for o in offices):
            raise ValidationError({"offices": _("Choose offices of your own institution.")})
        if {o.pk for o in offices} != set(procedure.offices.values_list("pk", flat=True)):
            procedure.offices.set(offices)
            changes["offices"] = [o.slug for o in offices]
    if life_events is not None:
        events = list(life_events)
        if {e.pk for e in events} != set(procedure.life_events.values_list("pk", flat=True)):
            procedure.life_events.set(events)
            changes["life_events"] = [e.slug for e in events]
    return changes


def _apply_documents(procedure: Procedure, documents: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """Add, change and remove the documents asked for; their French names by what happened to them."""
    changes: dict[str, list[str]] = {}
    existing = {d.pk: d for d in procedure.documents.all()}
    for row in documents:
        document = existing.get(row.get("id") or 0)
        if row.get("delete"):
            if document is not None:
                changes.setdefault("documents_removed", []).append(text_in(document, "name", "fr"))
                document.delete()
            continue
        data = {f: row[f] for f in DOCUMENT_FIELDS if f in row}
        if document is None:
            RequiredDocument.objects.create(procedure=procedure, **data)
            changes.setdefault("documents_added", []).append(data.get("name_fr", ""))
        elif any(getattr(document, f) != v for f, v in data.items()):
            for f, v in data.items():
                setattr(document, f, v)
            document.save()
            changes.setdefault("documents_changed", []).append(text_in(document, "name", "fr"))
    return changes
