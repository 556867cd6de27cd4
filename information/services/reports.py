"""Reports that the public copy of a request holds personal data (law 09-08).

Anyone reading a public request may report it, signed in or not; the institution's information
officers are told, mask what must be masked (``request_redact``) and mark the report handled.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context, audit_record
from core import clock
from core.states import InvalidTransition, transitions
from information.models import DataReport, InformationRequest, ReportReason, ReportState
from information.services.common import OFFICER
from information.services.notices import tell_officers_of_report

TEXT_MAX = 2000

# A report is open until an information officer of the request's institution has looked at it.
REPORT_MACHINE = transitions([(ReportState.OPEN, "handle", ReportState.HANDLED, [OFFICER])])


@transaction.atomic
def data_report_file(
    *,
    actor: Any,
    request: InformationRequest,
    reason: str,
    text: str = "",
    submission_key: uuid.UUID | None = None,
    context: Context = SYSTEM,
) -> tuple[DataReport, bool]:
    """Report personal data in a public request; returns (report, created). The same key files it once."""
    if not request.is_public:
        raise PermissionDenied
    text = text.strip()
    errors: dict[str, str] = {}
    if reason not in ReportReason.values:
        errors["reason"] = _("Choose what is wrong.")
    if len(text) > TEXT_MAX:
        errors["text"] = _("Keep it under %(count)d characters.") % {"count": TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    if submission_key is not None:
        existing = DataReport.objects.filter(request=request, submission_key=submission_key).first()
        if existing is not None:  # the button pressed twice
            return existing, False
    reporter = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            report = DataReport.objects.create(
                request=request, reporter=reporter, reason=reason, text=text, submission_key=submission_key
            )
    except IntegrityError:  # the same key raced in from a second click
        existing = DataReport.objects.filter(request=request, submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    audit_record(
        actor=reporter,
        action="data_report.file",
        obj=report,
        institution=request.institution,
        changes={"request": request.reference, "reason": reason},
        context=context,
    )
    tell_officers_of_report(report)
    return report, True


@transaction.atomic
def data_report_handle(*, actor: Any, report: DataReport, context: Context = SYSTEM) -> DataReport:
    """An information officer of the request's institution marks the report handled (after masking, or not)."""
    request = report.request
    role = OFFICER if has_role(actor, request.institution, [Role.INFORMATION_OFFICER]) else None
    if role is None:
        raise PermissionDenied
    DataReport.objects.select_for_update().filter(pk=report.pk).values_list("pk", flat=True).first()
    report.refresh_from_db(fields=["state", "handled_at", "handled_by"])
    try:
        report.state = REPORT_MACHINE.fire(report.state, "handle", role=role)
    except InvalidTransition:
        raise ValidationError(_("This report was already handled."))
    report.handled_by = actor
    report.handled_at = clock.now()
    report.save(update_fields=["state", "handled_by", "handled_at", "updated_at"])
    audit_record(
        actor=actor,
        action="data_report.handle",
        obj=report,
        institution=request.institution,
        changes={"request": request.reference, "masked_passages": len(request.redactions.splitlines())},
        context=context,
    )
    return report
