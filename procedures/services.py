"""Writes for the catalogue: adopt a national model, publish, withdraw; every change audited."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context, audit_record
from procedures.models import Procedure, ProcedureState, RequiredDocument

COPIED = [
    "slug",
    "category",
    "title_ar",
    "title_fr",
    "title_en",
    "purpose_ar",
    "purpose_fr",
    "purpose_en",
    "who_ar",
    "who_fr",
    "who_en",
    "fee",
    "payment_ar",
    "payment_fr",
    "payment_en",
    "legal_basis",
    "max_duration",
    "max_unit",
    "target_duration",
    "target_unit",
    "silence_is_acceptance",
    "channel",
]


def _admin(actor: Any, institution: Any) -> None:
    if not has_role(actor, institution, [Role.INSTITUTION_ADMIN]):
        raise PermissionDenied


@transaction.atomic
def procedure_adopt(
    *,
    actor: Any,
    model: Procedure,
    institution: Any,
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
                        "name_ar",
                        "name_fr",
                        "name_en",
                        "description_ar",
                        "description_fr",
                        "description_en",
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
def procedure_publish(*, actor: Any, procedure: Procedure, context: Context = SYSTEM) -> Procedure:
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
def procedure_unpublish(*, actor: Any, procedure: Procedure, context: Context = SYSTEM) -> Procedure:
    _admin(actor, procedure.institution)
    if procedure.state != ProcedureState.DRAFT:
        procedure.state = ProcedureState.DRAFT
        procedure.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=actor, action="procedure.unpublish", obj=procedure, institution=procedure.institution, context=context
        )
    return procedure
