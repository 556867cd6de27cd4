"""Test data: a procedure with a published online form, and applications in any state, through the services."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from applications import services
from applications.models import Application, FieldKind
from core import clock
from information.tests.factories import pdf_upload
from institutions.tests.factories import InstitutionFactory
from procedures.tests.factories import ProcedureFactory


def online_procedure(institution: Any = None, *, silence: bool = False, admin: Any = None, **extra: Any) -> Any:
    """A published procedure whose form has: a name (prefilled), a yes/no and a question shown on "yes",
    a number from 1 to 10, and one upload per required document (two documents)."""
    institution = institution or InstitutionFactory()
    procedure = ProcedureFactory(
        institution=institution,
        state="published",
        channel="both",
        silence_is_acceptance=silence,
        decision_fr="Décision pour {applicant} ({reference}) : {pieces}.",
        signatory="Le Président",
        **extra,
    )
    admin = admin or staff(Role.INSTITUTION_ADMIN, institution=institution)
    form = services.form_working_version(actor=admin, procedure=procedure)
    one = services.step_save(actor=admin, procedure=procedure, form=form, data={"title_fr": "Vous", "position": 1})
    for data in (
        {"key": "nom", "kind": FieldKind.TEXT, "label_fr": "Nom", "prefill": "full_name"},
        {"key": "lotissement", "kind": FieldKind.YESNO, "label_fr": "En lotissement ?"},
        {
            "key": "lot",
            "kind": FieldKind.TEXT,
            "label_fr": "Numéro du lot",
            "condition_key": "lotissement",
            "condition_value": "yes",
        },
        {"key": "pieces", "kind": FieldKind.NUMBER, "label_fr": "Pièces", "min_value": 1, "max_value": 10},
    ):
        services.field_save(actor=admin, procedure=procedure, form=form, step=one, data={"required": True, **data})
    two = services.step_save(actor=admin, procedure=procedure, form=form, data={"title_fr": "Documents", "position": 2})
    for document in procedure.documents.all():
        services.field_save(
            actor=admin,
            procedure=procedure,
            form=form,
            step=two,
            data={
                "key": f"doc-{document.pk}",
                "kind": FieldKind.FILE,
                "label_fr": document.name_fr,
                "document": document,
                "required": True,
            },
        )
    services.form_publish(actor=admin, procedure=procedure, form=form)
    return procedure


def draft(procedure: Any, applicant: Any = None, *, complete: bool = True) -> Application:
    applicant = applicant or UserFactory(verified=True)
    application, _created = services.application_start(actor=applicant, procedure=procedure)
    if complete:
        fields = services.form_fields(application)
        first = fields[0].step
        services.draft_save(
            actor=applicant,
            application=application,
            step=first,
            answers={"nom": applicant.full_name, "lotissement": "no", "pieces": "3"},
            done=True,
        )
        for f in fields:
            if f.kind == FieldKind.FILE:
                services.draft_attach(actor=applicant, application=application, field=f, upload=pdf_upload())
        services.draft_save(actor=applicant, application=application, step=fields[-1].step, answers={}, done=True)
    application.refresh_from_db()
    return application


def submitted(procedure: Any = None, applicant: Any = None, *, day: Any = None) -> Application:
    procedure = procedure or online_procedure()
    if day is not None:
        with clock.travel_to(day):
            application = draft(procedure, applicant)
            services.application_submit(actor=application.applicant, application=application)
    else:
        application = draft(procedure, applicant)
        services.application_submit(actor=application.applicant, application=application)
    application.refresh_from_db()
    return application


def case_officer(institution: Any) -> Any:
    return staff(Role.CASE_OFFICER, institution=institution)


def jpeg_with_gps() -> SimpleUploadedFile:
    """A photo carrying EXIF data (a camera model and a GPS block), as phones send them."""
    from PIL import Image

    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "PhoneCam 3000"  # camera model
    exif[0x8825] = {1: "N", 2: (34.0, 1.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")
