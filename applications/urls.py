from django.urls import path

from applications.views import builder, citizen, public, staff
from cases.files import private_file

app_name = "applications"

urlpatterns = [
    # Public
    path("applications/track/", public.track, name="track"),
    path("verify/", public.verify, name="verify"),
    path("verify/<str:code>/", public.verify_code, name="verify_code"),
    path("procedures/figures/", public.figures, name="figures"),
    # The applicant
    path("procedures/<slug:institution_slug>/<slug:slug>/apply/", citizen.start, name="start"),
    path("applications/<str:public_id>/", citizen.case, name="case"),
    path("applications/<str:public_id>/tasks/", citizen.tasks, name="tasks"),
    path("applications/<str:public_id>/steps/<int:step_id>/", citizen.step, name="step"),
    path("applications/<str:public_id>/check/", citizen.check, name="check"),
    path("applications/<str:public_id>/delete/", citizen.delete, name="delete"),
    path("applications/<str:public_id>/received/", citizen.received, name="received"),
    path("applications/<str:public_id>/receipt.pdf", citizen.receipt_pdf, name="receipt"),
    path("applications/<str:public_id>/decision.pdf", citizen.decision_pdf, name="decision"),
    path("applications/<str:public_id>/documents/", citizen.complete, name="complete"),
    path(
        "applications/<str:public_id>/files/<str:file_id>/",
        private_file,
        {"source": "applications.file"},
        name="file",
    ),
    # Case officers
    path("staff/<slug:institution_slug>/cases/", staff.queue, name="staff_queue"),
    path("staff/<slug:institution_slug>/cases/<str:public_id>/", staff.case, name="staff_case"),
    path(
        "staff/<slug:institution_slug>/cases/<str:public_id>/files/<str:file_id>/",
        private_file,
        {"source": "applications.file"},
        name="staff_file",
    ),
    path("staff/<slug:institution_slug>/cases/<str:public_id>/<slug:kind>.pdf", staff.document_pdf, name="staff_pdf"),
    path("staff/<slug:institution_slug>/cases/<str:public_id>/<slug:action>/", staff.action, name="staff_action"),
    # The form builder (institution admins)
    path("staff/<slug:institution_slug>/procedures/<str:public_id>/form/", builder.builder, name="builder"),
    path(
        "staff/<slug:institution_slug>/procedures/<str:public_id>/form/publish/",
        builder.publish,
        name="builder_publish",
    ),
    path(
        "staff/<slug:institution_slug>/procedures/<str:public_id>/form/steps/<int:step_id>/",
        builder.step_edit,
        name="step_edit",
    ),
    path(
        "staff/<slug:institution_slug>/procedures/<str:public_id>/form/steps/<int:step_id>/questions/new/",
        builder.field_edit,
        name="field_new",
    ),
    path(
        "staff/<slug:institution_slug>/procedures/<str:public_id>/form/steps/<int:step_id>/questions/<int:field_id>/",
        builder.field_edit,
        name="field_edit",
    ),
]
